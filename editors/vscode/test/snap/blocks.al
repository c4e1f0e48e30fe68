<run tcp server where
    external_ip = !external_ip and external_port = !anylog_server_port and
    internal_ip = !ip and internal_port = !anylog_server_port and
    bind = false and threads = 3>
<print one-line block>
print this line is read into the block above>
<do run rest server where
    internal_ip = !ip and internal_port = 32149 and timeout = 20>
<set policy cfg [config] = {
    "name": "node-config"}>
<new_policy = {"operator": {
    "name": !node_name,
    "port": !anylog_server_port.int}}>
<print a -->
    rest of a block closed early above>
