new_policy = {"cluster": {"company": !company_name, "name": "c1", "ip": "!external_ip", "port": 32048, "main": true, "parent": null}}
multi = {"config": {
  "name": "edge-config",
  "script": ["run scheduler 1", "run tcp server"]
}}
set policy cfg [config][ip] = '!external_ip' and [config][port] = !anylog_server_port.int
set policy cfg [config][script] + "run scheduler 1"
json !new_policy test
