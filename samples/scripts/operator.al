# An operator node, deployed in the order of the operator guide.
# Values that differ per machine come from variables set earlier (or from the environment).

on error goto deploy-error

node_name = operator-a
company_name = "Acme Sensors"
cluster_name = acme-cluster
anylog_server_port = 32148
ledger_conn = 10.0.0.10:32048

# 1. The TCP service (not bound: the policy carries the external and the internal address)
<run tcp server where
    external_ip = !external_ip and
    external_port = !anylog_server_port and
    internal_ip = !ip and
    internal_port = !anylog_server_port and
    bind = false and
    threads = 3>

# 2. The cluster policy, declared once
<cluster_id = blockchain get cluster where
    name = !cluster_name and
    company = !company_name
    bring.first [*][id]>
if not !cluster_id then
do new_policy = create policy cluster where name = !cluster_name and company = !company_name
do blockchain insert where policy = !new_policy and local = true and master = !ledger_conn
<do cluster_id = blockchain get cluster where
    name = !cluster_name and
    company = !company_name
    bring.first [*][id]>

# 3. The operator policy, in that cluster
<new_policy = create policy operator where
    name = !node_name and
    company = !company_name and
    cluster = !cluster_id and
    ip = !external_ip and
    local_ip = !ip and
    port = !anylog_server_port.int>
blockchain insert where policy = !new_policy and local = true and master = !ledger_conn

# 4. almgm and its tsd_info table
connect dbms almgm where type = sqlite
create table tsd_info where dbms = almgm

# 5. The data database
connect dbms sensors where type = sqlite

# 8. The operator service
<operator_id = blockchain get operator where
    cluster = !cluster_id and
    name = !node_name and
    company = !company_name
    bring.last [*][id]>
<run operator where
    create_table = true and
    update_tsd_info = true and
    compress_json = true and
    compress_sql = true and
    archive_json = true and
    archive_sql = true and
    master_node = !ledger_conn and
    policy = !operator_id and
    threads = 6>
end script

:deploy-error:
print "operator deployment failed"
