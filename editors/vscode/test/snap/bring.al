cluster_id = blockchain get cluster where name = !cluster_name and company = !company_name bring.first [*][id]
operators = blockchain get operator where cluster = !cluster_id bring [operator][ip] ":" [operator][port] separator = ,
count = blockchain get (master, query) bring.count
ip = from !my_policy bring [*][ip]
