node_type = operator
sync_every = 30 seconds
op_id = blockchain get operator where name = op1 bring.first [*][id]
set node_name = !node_type + "-1"
set debug = ""
reply[] = run client (!ops) get status
cfg[config][ip] = 10.0.0.1
counter = incr !counter 2
