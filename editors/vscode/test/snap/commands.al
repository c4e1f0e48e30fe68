connect dbms sensors where type = sqlite
create table tsd_info where dbms = almgm
create work directories
run blockchain sync where source = master and time = 30 seconds and dest = file and connection = !ledger_conn
blockchain insert where policy = !new_policy and local = true and master = !ledger_conn
run operator where create_table = true and update_tsd_info = true and policy = !operator_id and threads = 6
run blobs archiver where dbms = true and folder = false and compress = true
run data distributor
run data consumer where start_date = -30d
get status
thread !local_scripts/monitor.al
wait 10 for sync
exit scripts
end script
Run tcp server
set anylog home !anylog_path
