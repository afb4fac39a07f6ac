ipm-report --list-periods may.in apr.in
ipm-report -p 2018-04 may.in apr.in | head -3
