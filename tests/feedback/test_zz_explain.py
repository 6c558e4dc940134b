import pytest, time
from django.db import connection
from django.test.utils import CaptureQueriesContext
from feedback import moderation
from feedback.models import PublicComment
from tests.feedback.helpers import make_comment
from tests.feedback.xss import build_corpus

@pytest.mark.django_db
def test_explain(site_tree, moderator):
    page = site_tree.lt["draft"]
    make_comment(page, user_email="sekejas@example.lt", followup=True)
    stored=[]
    for i, p in enumerate(build_corpus()[:60]):
        p = p.replace("\x00","")
        stored.append(make_comment(page, status="held", user_name=p[:50], user_email=f"t{i}@example.lt", user_url=p[:200], comment=p))
    t=time.time()
    with CaptureQueriesContext(connection) as cq:
        moderation.approve(stored, moderator)
    print("approve 60:", time.time()-t, len(cq))
    slow = sorted(cq.captured_queries, key=lambda q: -float(q["time"]))[:3]
    for q in slow: print(q["time"], q["sql"][:300])
