#!/usr/bin/env python3
"""Random Word markup through `rapporteur import`: paragraphs with runs
inserted, deleted and both by two authors, paragraph-mark changes, empty
paragraphs, quotes, headings, point headings, two-cell tables, emphasis,
syntax characters, control characters and (with --comments) comments on
runs. Counts the files import refuses and prints the first few messages.

Usage: scripts/import-fuzz.py BINARY N [--comments]
Refused files stay in $TMPDIR/import-fuzz/ for a look.
"""
import random, sys, zipfile, subprocess, os, tempfile
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
AUTH=['US','FR']
rid=[100]
def rev(tag,a):
    rid[0]+=1
    return f'<w:{tag} w:id="{rid[0]}" w:author="{a}" w:date="2020-01-01T00:00:00Z">'
WORDS=['a','bb','word',' ','  ','x.',' y','*','**','--','-','{','z ','é','\u0085q','\t']
COMMENTS=[]
def comment_wrap(r, x):
    if WITH_COMMENTS and r.random() < 0.15:
        cid = len(COMMENTS)
        COMMENTS.append((cid, r.choice(AUTH), r.choice(['why', 'a "reason"', 'note\u0085x', 'Also proposed by France'])))
        return f'<w:commentRangeStart w:id="{cid}"/>{x}<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/></w:r>'
    return x
def run(r):
    t=''.join(r.choice(WORDS) for _ in range(r.randint(1,3)))
    rpr=''
    if r.random()<0.3: rpr+='<w:i/>'
    if r.random()<0.2: rpr+='<w:b/>'
    kind=r.choice(['plain','plain','ins','del','insdel'])
    a=r.choice(AUTH); b=r.choice(AUTH)
    tt='delText' if kind in('del','insdel') else 't'
    x=f'<w:r>{"<w:rPr>"+rpr+"</w:rPr>" if rpr else ""}<w:{tt} xml:space="preserve">{t}</w:{tt}></w:r>'
    if kind=='ins': x=rev('ins',a)+x+'</w:ins>'
    if kind=='del': x=rev('del',a)+x+'</w:del>'
    if kind=='insdel': x=rev('ins',a)+rev('del',b)+x+'</w:del></w:ins>'
    return comment_wrap(r, x)
def para(r, style=None):
    ppr=''
    if style: ppr+=f'<w:pStyle w:val="{style}"/>'
    m=r.random()
    if m<0.25: ppr+='<w:rPr>'+rev('ins',r.choice(AUTH))[:-1]+'/></w:rPr>'
    elif m<0.5: ppr+='<w:rPr>'+rev('del',r.choice(AUTH))[:-1]+'/></w:rPr>'
    runs=''.join(run(r) for _ in range(r.randint(0,4)))
    return f'<w:p>{"<w:pPr>"+ppr+"</w:pPr>" if ppr else ""}{runs}</w:p>'
def body(r):
    out=[]; pts=[0]
    for _ in range(r.randint(1,8)):
        k=r.random()
        if k<0.1:
            pts[0]+=1; out.append('<w:p><w:r><w:t>Discussion point %d</w:t></w:r></w:p>'%pts[0])
        elif k<0.2: out.append(para(r,'Quote'))
        elif k<0.27: out.append(para(r,'Heading1'))
        elif k<0.33: out.append('<w:tbl><w:tr><w:tc>%s</w:tc><w:tc>%s</w:tc></w:tr></w:tbl>'%(para(r),para(r)))
        else: out.append(para(r))
    return ''.join(out)
def mk(path, b):
    parts={
'[Content_Types].xml':'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
'_rels/.rels':'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
'word/comments.xml':'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments '+W+'>'+''.join(f'<w:comment w:id="{i}" w:author="{a}" w:date="2020-01-01T00:00:00Z"><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:comment>' for i,a,t in COMMENTS)+'</w:comments>',
'word/_rels/document.xml.rels':'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>',
'word/document.xml':f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{b}</w:body></w:document>'}
    z=zipfile.ZipFile(path,'w'); [z.writestr(k,v) for k,v in parts.items()]; z.close()
B=sys.argv[1]; n=int(sys.argv[2]); fails=0
WITH_COMMENTS='--comments' in sys.argv
D=os.path.join(tempfile.gettempdir(),'import-fuzz'); os.makedirs(D, exist_ok=True)
for seed in range(n):
    r=random.Random(seed); rid[0]=100; COMMENTS.clear()
    p=f'{D}/f{seed}.docx'; mk(p, body(r))
    res=subprocess.run([B,'import',p,'-o',f'{D}/f{seed}.md'],capture_output=True,text=True)
    if res.returncode!=0:
        fails+=1
        if fails<=int(os.environ.get('SHOW','3')): print(seed, res.stderr[-400:])
    else:
        os.remove(p); os.remove(f'{D}/f{seed}.md')
print('fails',fails,'of',n)
