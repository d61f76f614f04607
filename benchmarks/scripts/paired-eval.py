import json,random,sys
def load(p,m):
    d=json.load(open(p)); return {q['id']:q['metrics'][m] for q in d['perQuery']}
base=sys.argv[1]
for other in sys.argv[2:]:
  for m in ['ndcg@10','recall@100']:
    a=load(base,m); b=load(other,m); ids=sorted(set(a)&set(b))
    diffs=[b[i]-a[i] for i in ids]; obs=abs(sum(diffs)/len(diffs))
    rnd=random.Random(42); n=20000; c=0
    for _ in range(n):
        s=sum(d if rnd.random()<0.5 else -d for d in diffs)/len(diffs)
        if abs(s)>=obs-1e-12: c+=1
    print(f"{other} vs {base} {m}: {sum(a.values())/len(a):.4f} -> {sum(b[i] for i in ids)/len(ids):.4f} diff {sum(diffs)/len(diffs):+.4f} p={c/n:.4f} (n={len(ids)})")
