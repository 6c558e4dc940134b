"""No CSV the site or its admin writes hands a spreadsheet a formula.

Values that Excel or LibreOffice would run (`=1+1`, `+cmd|...`, `-2+3`, `@SUM(A1)`, and
the same after a tab or a carriage return) are planted where visitors and editors can put
them: search terms, page titles, a user's name, a workflow's name, a redirect, plan element
names, a comment. Each CSV is downloaded as its reader would, and every cell that begins
like a formula must be a plain number or begin with an apostrophe.
"""

import csv
import io
import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.models import FormMixin
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowTask

from core.csv_cells import formula_safe_cell
from core.spreadsheet_exports import FormulaSafeSpreadsheetExportMixin
from feedback.models import Disposition
from plans.models import PlanDraftPage
from tests.factories import PlanDraftPageFactory, StandardPageFactory, build_site
from tests.feedback.helpers import make_comment
from tests.plans.plan_data import plan_tree

PAYLOADS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
# Page titles cannot hold a tab or a carriage return (core/titles.py): the rest go there.
TITLE_PAYLOADS = [payload for payload in PAYLOADS if payload[0] not in "\t\r"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def cells(text):
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def body(response):
    # Read to the end, the test client then closes the response.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


class FormulaCellsMixin:
    def assert_no_formulas(self, text, planted):
        """No cell of ``text`` runs as a formula, and each value ``planted`` is there, inert."""
        found = cells(text)
        formulas = [
            cell for cell in found if cell.startswith(FORMULA_START) and not NUMBER.fullmatch(cell)
        ]
        self.assertEqual(formulas, [], text[:3000])
        for value in planted:
            self.assertTrue(
                any(cell.startswith("'" + value) for cell in found), f"{value!r} not in {text}"
            )


class FormulaSafeCellTests(TestCase):
    def test_cells(self):
        for value in PAYLOADS:
            with self.subTest(value=value):
                self.assertEqual(formula_safe_cell(value), "'" + value)
        for value, expected in [(None, ""), (-5, "-5"), ("-2.5", "-2.5"), ("Planas", "Planas")]:
            with self.subTest(value=value):
                self.assertEqual(formula_safe_cell(value), expected)


class AdminExportTests(FormulaCellsMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        site = build_site(translate_to_english=False)
        cls.admin = get_user_model().objects.create_superuser(
            "administratorius", "admin@example.org", "password", first_name="@SUM(A1)"
        )
        cls.pages = []
        for number, title in enumerate(TITLE_PAYLOADS):
            page = StandardPageFactory(parent=site.lt["home"], title=title, slug=f"f-{number}")
            page.save_revision(user=cls.admin).publish(user=cls.admin)
            page.refresh_from_db()
            page.locked, page.locked_by, page.locked_at = True, cls.admin, timezone.now()
            page.save()
            cls.pages.append(page)
        task = GroupApprovalTask.objects.create(name="=1+1")
        workflow = Workflow.objects.create(name="+cmd|' /C calc'!A0")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        in_review = StandardPageFactory(parent=site.lt["home"], title="Peržiūra", slug="per")
        in_review.save_revision(user=cls.admin)
        workflow.start(in_review, cls.admin)
        Redirect.objects.create(old_path="/senas", redirect_link="=1+1")
        # What visitors typed into the search box, as the site stores it.
        for query in PAYLOADS:
            Query.get(query).add_hit()

    def setUp(self):
        self.client.force_login(self.admin)

    def export(self, url):
        response = self.client.get(url, {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"].split(";")[0], "text/csv")
        return body(response)

    def test_frequent_searches(self):
        self.assert_no_formulas(
            self.export("/admin/reports/frequent-searches/"), ["=1+1", "-2+3", "@sum(a1)"]
        )

    def test_wagtails_search_terms_report(self):
        self.assert_no_formulas(
            self.export("/admin/searchpicks/reports/search-terms/"), ["=1+1", "+cmd"]
        )

    def test_locked_pages(self):
        self.assert_no_formulas(self.export("/admin/reports/locked/"), TITLE_PAYLOADS)

    def test_site_history(self):
        self.assert_no_formulas(self.export("/admin/reports/site-history/"), TITLE_PAYLOADS)

    def test_aging_pages(self):
        self.assert_no_formulas(self.export("/admin/reports/aging-pages/"), TITLE_PAYLOADS)

    def test_workflows(self):
        self.assert_no_formulas(self.export("/admin/reports/workflow/"), ["+cmd"])
        self.assert_no_formulas(self.export("/admin/reports/workflow_tasks/"), ["=1+1"])

    def test_redirects(self):
        self.assert_no_formulas(self.export("/admin/redirects/"), ["=1+1"])

    def test_the_results_addresses_export_safely_too(self):
        text = self.export("/admin/reports/locked/results/")
        self.assert_no_formulas(text, TITLE_PAYLOADS)


def admin_routes(patterns=None, prefix=""):
    """``(address, pattern)`` of every URL pattern, addresses with sample arguments."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from admin_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
            yield re.sub(r"<(\w+:)?\w+>", "1", route), pattern


def exporting_view(callback):
    view_class = getattr(callback, "view_class", None)
    while view_class is None and hasattr(callback, "__wrapped__"):
        callback = callback.__wrapped__
        view_class = getattr(callback, "view_class", None)
    if view_class and issubclass(view_class, SpreadsheetExportMixin) and view_class.list_export:
        return view_class
    return None


class EveryAdminExportTests(TestCase):
    def test_every_view_that_exports_writes_safe_csv_at_its_address(self):
        checked = set()
        for address, pattern in admin_routes():
            if exporting_view(pattern.callback) is None:
                continue
            answering = exporting_view(resolve(f"/{address}").func)
            with self.subTest(address=address):
                self.assertTrue(issubclass(answering, FormulaSafeSpreadsheetExportMixin))
            checked.add(address)
        self.assertIn("admin/reports/site-history/", checked)
        self.assertIn("admin/searchpicks/reports/search-terms/", checked)

    def test_no_page_type_is_a_form_with_submissions_to_export(self):
        # Wagtail's form submissions export (wagtail.contrib.forms) is reached only through
        # a form page; a new form page type needs a formula-safe submissions view.
        forms = [model for model in apps.get_models() if issubclass(model, FormMixin)]
        self.assertEqual([model for model in forms if issubclass(model, Page)], [])


class SiteExportTests(FormulaCellsMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(translate_to_english=False)

    def test_plan_csv(self):
        tree = plan_tree()
        priority = tree[0]["value"]
        goal = priority["goals"][0]
        objective = goal["objectives"][0]
        measure = objective["measures"][0]
        indicator = measure["indicators"][0]
        priority["title"], goal["title"], objective["title"] = PAYLOADS[:3]
        measure["title"], measure["description"] = PAYLOADS[3:5]
        indicator["name"], indicator["baseline_value"] = PAYLOADS[5], "-5"
        page = PlanDraftPageFactory(
            parent=self.site.lt["plan_index"], title="Planas", slug="planas-f", plan_tree=tree
        )
        page.save_revision().publish()
        page = PlanDraftPage.objects.get(pk=page.pk)
        response = self.client.get(f"{page.url}data/csv/")
        self.assertEqual(response.status_code, 200)
        text = body(response)
        self.assert_no_formulas(text, PAYLOADS)
        self.assertIn("-5", cells(text))  # numbers stay numbers

    def test_you_said_we_did_csv(self):
        # feedback/ already neutralises formulas (its own csv_cell): kept as it is.
        draft = self.site.lt["draft"]
        comment = make_comment(draft, comment="=1+1", user_name="@SUM(A1)")
        Disposition.objects.create(comment=comment, outcome="not_accepted", reason="-2+3")
        response = self.client.get(f"/lt/comments/you-said-we-did/{draft.pk}.csv")
        self.assertEqual(response.status_code, 200)
        self.assert_no_formulas(body(response), ["=1+1", "@SUM(A1)", "-2+3"])
