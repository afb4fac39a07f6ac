ipm-report --prev apr.in may.in
