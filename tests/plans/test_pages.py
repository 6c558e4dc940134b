"""The plan index and plan drafts: where they may be created, and the admin form."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage
from news.models import NewsIndexPage
from plans.models import PlanDraftPage, PlanIndexPage
from tests.base import AdminPageTestCase
from tests.factories import (
    CityDocumentFactory,
    PlanIndexPageFactory,
    WorkingGroupIndexPageFactory,
    WorkingGroupPageFactory,
)
from workinggroups.models import WorkingGroupIndexPage, WorkingGroupPage


class PlanRulesTests(WagtailPageTestCase):
    def test_plan_index_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, PlanIndexPage)
        self.assertAllowedParentPageTypes(PlanIndexPage, {HomePage})
        for parent in (StandardPage, NewsIndexPage, WorkingGroupIndexPage, PlanIndexPage):
            self.assertCanNotCreateAt(parent, PlanIndexPage)

    def test_drafts_live_in_the_plan_index_and_have_no_children(self):
        self.assertCanCreateAt(PlanIndexPage, PlanDraftPage)
        self.assertAllowedSubpageTypes(PlanIndexPage, {PlanDraftPage})
        self.assertAllowedParentPageTypes(PlanDraftPage, {PlanIndexPage})
        self.assertAllowedSubpageTypes(PlanDraftPage, set())
        for parent in (HomePage, WorkingGroupPage, NewsIndexPage, PlanDraftPage):
            self.assertCanNotCreateAt(parent, PlanDraftPage)


class PlanCreationTests(AdminPageTestCase):
    def test_editor_creates_the_plan_index(self):
        self.assertCanCreate(
            self.home,
            PlanIndexPage,
            nested_form_data({"title": "Planas", "intro": "Projektai ir jų būsena."}),
        )
        self.assertEqual(PlanIndexPage.objects.child_of(self.home).get().title, "Planas")
        self.home.refresh_from_db()  # numchild changed
        self.assertFalse(PlanIndexPage.can_create_at(self.home))

    def test_editor_creates_a_draft_with_sections_groups_and_documents(self):
        plan_index = PlanIndexPageFactory(parent=self.home)
        group_index = WorkingGroupIndexPageFactory(parent=self.home)
        group = WorkingGroupPageFactory(parent=group_index)
        annex = CityDocumentFactory(title="Priedas")
        data = nested_form_data(
            {
                "title": "Plano projektas 0.1",
                "version_label": "0.1",
                "stage": PlanDraftPage.Stage.CONSULTATIVE_REVIEW,
                "summary": "Pirmasis projektas.",
                "sections": streamfield(
                    [
                        (
                            "section",
                            {
                                "heading": "Situacijos analizė",
                                "body": streamfield(
                                    [("paragraph", rich_text("<p>Miestas auga.</p>"))]
                                ),
                            },
                        ),
                        (
                            "section",
                            {
                                "heading": "Vizija",
                                "body": streamfield([("heading", "Alytus 2030")]),
                            },
                        ),
                    ]
                ),
                "plan_tree": streamfield([]),
                "consultation_opens": "2020-09-01 00:00",
                "consultation_closes": "2020-09-30 23:59",
                "documents": inline_formset([{"document": str(annex.pk)}]),
                "council_steps": inline_formset(
                    [{"kind": "committee", "date": "2020-10-05", "body": "Plėtros komitetas"}]
                ),
            }
        )
        data["responsible_groups"] = [str(group.pk)]
        self.assertCanCreate(plan_index, PlanDraftPage, data)
        draft = PlanDraftPage.objects.child_of(plan_index).get()
        self.assertEqual(draft.stage, PlanDraftPage.Stage.CONSULTATIVE_REVIEW)
        self.assertEqual(
            [section.value["heading"] for section in draft.sections],
            ["Situacijos analizė", "Vizija"],
        )
        self.assertEqual(list(draft.responsible_groups.all()), [group])
        self.assertEqual([item.document for item in draft.documents.all()], [annex])
        self.assertEqual([step.body for step in draft.council_steps.all()], ["Plėtros komitetas"])

    def test_a_consultation_that_closes_before_it_opens_is_refused(self):
        plan_index = PlanIndexPageFactory(parent=self.home)
        data = nested_form_data(
            {
                "title": "Klaidingas projektas",
                "slug": "klaidingas-projektas",
                "version_label": "0.2",
                "stage": PlanDraftPage.Stage.DRAFTING,
                "summary": "",
                "sections": streamfield([]),
                "plan_tree": streamfield([]),
                "consultation_opens": "2020-09-30 00:00",
                "consultation_closes": "2020-09-01 00:00",
                "documents": inline_formset([]),
                "council_steps": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
        response = self.client.post(f"/admin/pages/add/plans/plandraftpage/{plan_index.pk}/", data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(PlanDraftPage.objects.exists())
        self.assertIn("consultation_closes", response.context["form"].errors)
