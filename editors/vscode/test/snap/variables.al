print !node_name !!remote_value !tcp_port.int !name[0:3]
print $HOME $DB_PASSWORD
process !local_scripts/policies/node.al
ledger_conn = !ip + ":" + !anylog_server_port
$ANYLOG_ROOT = /app
!copy = !node_name.name
