# Mistakes the node only shows at run time, which alc lint finds before.

# A comment at the end of a line inside a block throws away the lines after it.
<run operator where
    create_table = true and   # keep tables in sync
    update_tsd_info = true and
    threads = 6>

# `then` is missing: the node fails to parse this `if`.
if !node_type == operator goto operator-setup

# An unclosed quote: the node rejects the line and stops the script.
print "deployment done

:operator-setup:
