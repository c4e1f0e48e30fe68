if !node_type == operator then goto operator-setup
if not !db_ready then process !local_scripts/db.al
else print "database already set"
if !retries.int >= 3 and !strict == true then exit scripts
if (!a == 1) or (!b == 2 and !c) then
do print "branch taken"
do set flag = true
else if !mode contains edge then call edge-setup
armed = if !count.int > 0
if !node_type == operator goto missing-then
on error goto deploy-error
on error call error-handler
on error ignore
on error end script
return
:operator-setup:
:edge-setup:
:deploy-error:
:error-handler:
