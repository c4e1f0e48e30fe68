variables(node_name, company)
process !local_scripts/deploy_node.al
process !local_scripts/policies/node.al operator acme
thread !local_scripts/monitor.al
