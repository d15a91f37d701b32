# Writes a synthetic MIP (lines with integer expansion steps) whose solve takes
# seconds to minutes with GLPK: the server tests use it for work that is still
# running when a client leaves or the server is told to stop.
#   python3 gen_slow_model.py LINES PRODUCTS PERIODS > model.json
import json, sys
L=int(sys.argv[1]); P=int(sys.argv[2]); T=int(sys.argv[3])
periods=["T%d"%i for i in range(T)]
products=[{"id":"p%d"%k} for k in range(P)]
lines=[]
for l in range(L):
    lines.append({"id":"l%d"%l,"country":"UA","capacity":10+(l*7)%13,
      "expansion":{"cost":3+(l%5),"lead":1,"max":40,"step":3+(l%4)},
      "produces":[{"product":"p%d"%k,"cost":1+((l*k)%7)} for k in range(P) if (l+k)%3!=0]})
reqs=[{"id":"r%d"%k,"demand":[30+((k*t)%17) for t in range(T)],"met_by":{"p%d"%k:1}} for k in range(P)]
print(json.dumps({"arsenal":1,"name":"slow","periods":periods,"products":products,"lines":lines,"requirements":reqs}))
