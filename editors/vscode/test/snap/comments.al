# A whole-line comment
    # an indented comment is a comment too
wait 5   # a trailing comment starts at a word start
print abc#def not-a-comment
<run tcp server where
    external_port = 32148 and   # swallows the lines after it, up to `>`
    bind = false>
