"""What a search result says it is and which date it carries: "Informacinis puslapis", not
"Kitas puslapis" ("Next page"); dates written as on every page, and the date that matters
for each type, not the day an editor loaded the page."""

import datetime
import re

from django.utils import timezone

from search.content import date_of
from tests.base import BilingualSiteTestCase


def result_metas(html):
    """``{title: the result's meta line as text}``."""
    results = re.findall(
        r'<h2><a href="[^"]+">([^<]+)</a></h2>\s*<p class="meta">(.*?)</p>', html, re.S
    )
    return {title: " ".join(re.sub(r"<[^>]+>", " ", meta).split()) for title, meta in results}


class ResultLabelTests(BilingualSiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        opens = timezone.make_aware(datetime.datetime(2020, 9, 1, 0, 0))
        closes = timezone.make_aware(datetime.datetime(2020, 10, 1, 0, 0))
        for draft in (cls.lt["draft"], cls.en["draft"]):
            draft.consultation_opens, draft.consultation_closes = opens, closes
            draft.save_revision().publish()
        # A meeting late in the evening in Vilnius is on the next day in UTC.
        meeting = cls.lt["meeting"]
        meeting.starts_at = timezone.make_aware(datetime.datetime(2020, 7, 21, 23, 30))
        meeting.save_revision().publish()

    def search(self, language, *queries, **filters):
        """The results of each query, merged."""
        metas = {}
        for query in queries:
            response = self.client.get(f"/{language}/search/", {"q": query, **filters})
            self.assertEqual(response.status_code, 200)
            metas.update(result_metas(response.content.decode()))
        return metas

    def test_lithuanian_labels_and_dates(self):
        metas = self.search("lt", "planą", "projektas", "grupė", "posėdis", "potvarkis")
        self.assertEqual(metas["Apie planą"], "Informacinis puslapis")
        self.assertNotIn("Kitas puslapis", " ".join(metas.values()))
        self.assertEqual(
            metas["Plano projektas 0.1"],
            "Plano projektas · Viešoji konsultacija 2020 m. rugsėjo 1 d. – 2020 m. spalio 1 d.",
        )
        self.assertEqual(metas["Ekonomikos ir verslo aplinkos darbo grupė"], "Darbo grupė")
        self.assertEqual(metas["Pirmasis posėdis"], "Posėdis · 2020 m. liepos 21 d.")
        self.assertEqual(metas["Sudarytos darbo grupės"], "Naujienos · 2020 m. birželio 10 d.")
        self.assertIn(
            "· 2020 m. birželio 2 d. ·", metas["Mero potvarkis dėl darbo grupių sudarymo"]
        )
        # No result shows a date as 2020-06-02, nor today's date (the day the pages were made).
        text = " ".join(metas.values())
        self.assertNotRegex(text, r"\d{4}-\d\d-\d\d")
        today = timezone.localdate()
        self.assertNotIn(f"{today.year} m.", text.replace("2020 m.", ""))

    def test_english_labels_and_dates(self):
        metas = self.search("en", "plan", "draft", "group", "meeting")
        self.assertEqual(metas["About the plan"], "Information page")
        self.assertEqual(
            metas["Plan draft 0.1"], "Plan draft · Public consultation Sept. 1, 2020 – Oct. 1, 2020"
        )
        self.assertEqual(metas["Economy and business environment working group"], "Working group")
        self.assertEqual(metas["First meeting"], "Meeting · July 21, 2020")
        self.assertEqual(metas["Working groups formed"], "News · June 10, 2020")

    def test_a_draft_without_a_consultation_shows_when_its_version_was_published(self):
        draft = self.lt["draft"]
        draft.consultation_opens = draft.consultation_closes = None
        revision = draft.save_revision()
        revision.publish()
        draft.refresh_from_db()
        published = timezone.localdate(draft.last_published_at)
        self.assertEqual(date_of(draft), published)
        metas = self.search("lt", "projektas")
        self.assertRegex(metas["Plano projektas 0.1"], r"^Plano projektas · Paskelbtas \d{4} m\. ")

    def test_the_date_filter_uses_the_same_dates(self):
        self.assertIsNone(date_of(self.lt["group"]))
        self.assertIsNone(date_of(self.lt["standard"]))
        self.assertEqual(date_of(self.lt["meeting"]), datetime.date(2020, 7, 21))
        around_consultation = {"from": "2020-08-31", "to": "2020-09-02"}
        metas = self.search("lt", "projektas", "grupė", "posėdis", **around_consultation)
        self.assertEqual(list(metas), ["Plano projektas 0.1"])
