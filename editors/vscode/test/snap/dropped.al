print ready & print this never runs
run tcp server where external_port = 32148 & bind = true
