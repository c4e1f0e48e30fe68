print "double quotes, removed by the node" 'single quotes, kept' `backticks, kept`
print don't x"y" words with quotes inside
company = "Acme Sensors"
empty = ""
print "never closed
