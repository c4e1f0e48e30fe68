run msg client where broker = local and port = !anylog_broker_port and log = false and topic = (
    name = sensors and
    dbms = !default_dbms and
    table = "bring [table]" and
    column.timestamp.timestamp = now and
    column.value = (type = float and value = "bring [value]")
)
run blockchain sync where source = master and time = !sync_time and dest = file and dest = dbms
run rest server where internal_ip = !ip and internal_port = 32149 and ssl = false
connect dbms blobs where type = mongo and ip = 127.0.0.1 and port = 27017 and user = "my user"
