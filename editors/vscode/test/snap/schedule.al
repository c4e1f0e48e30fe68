run scheduler 1
schedule name = monitor and time = 30 seconds and task run client (!ops) get status
schedule time = 1 minute and scheduler = 1 and task if !x then print tick
