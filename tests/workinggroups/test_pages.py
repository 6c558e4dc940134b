"""Working groups, their members and meetings: where they may be created, and the admin form."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from documents.models import CityDocument
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage
from plans.models import PlanIndexPage
from tests.base import AdminPageTestCase
from tests.factories import (
    CityDocumentFactory,
    WorkingGroupIndexPageFactory,
    WorkingGroupPageFactory,
)
from workinggroups.models import MeetingPage, Membership, WorkingGroupIndexPage, WorkingGroupPage


class WorkingGroupRulesTests(WagtailPageTestCase):
    def test_index_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, WorkingGroupIndexPage)
        self.assertAllowedParentPageTypes(WorkingGroupIndexPage, {HomePage})
        for parent in (StandardPage, PlanIndexPage, NewsIndexPage, WorkingGroupIndexPage):
            self.assertCanNotCreateAt(parent, WorkingGroupIndexPage)

    def test_groups_live_in_the_index_only(self):
        self.assertCanCreateAt(WorkingGroupIndexPage, WorkingGroupPage)
        self.assertAllowedParentPageTypes(WorkingGroupPage, {WorkingGroupIndexPage})
        self.assertAllowedSubpageTypes(WorkingGroupIndexPage, {WorkingGroupPage})
        for parent in (HomePage, StandardPage, WorkingGroupPage, MeetingPage):
            self.assertCanNotCreateAt(parent, WorkingGroupPage)

    def test_meetings_belong_to_a_group_and_have_no_children(self):
        self.assertCanCreateAt(WorkingGroupPage, MeetingPage)
        self.assertAllowedParentPageTypes(MeetingPage, {WorkingGroupPage})
        self.assertAllowedSubpageTypes(WorkingGroupPage, {MeetingPage})
        self.assertAllowedSubpageTypes(MeetingPage, set())
        for parent in (HomePage, WorkingGroupIndexPage, MeetingPage):
            self.assertCanNotCreateAt(parent, MeetingPage)


class WorkingGroupCreationTests(AdminPageTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.order = CityDocumentFactory(
            title="Mero potvarkis", kind=CityDocument.Kind.ORDER, number="M-18"
        )
        cls.minutes = CityDocumentFactory(title="Protokolas", kind=CityDocument.Kind.MINUTES)

    def test_editor_creates_the_index(self):
        self.assertCanCreate(
            self.home,
            WorkingGroupIndexPage,
            nested_form_data(
                {"title": "Darbo grupės", "intro": rich_text("<p>Penkios grupės.</p>")}
            ),
        )
        index = WorkingGroupIndexPage.objects.child_of(self.home).get()
        self.assertIn("Penkios grupės.", index.intro)

    def test_only_one_index_per_home_page(self):
        self.assertTrue(WorkingGroupIndexPage.can_create_at(self.home))
        WorkingGroupIndexPageFactory(parent=self.home)
        self.assertFalse(WorkingGroupIndexPage.can_create_at(self.home))

    def test_editor_creates_a_group_with_its_remit_and_members(self):
        index = WorkingGroupIndexPageFactory(parent=self.home)
        self.assertCanCreate(
            index,
            WorkingGroupPage,
            nested_form_data(
                {
                    "title": "Sveikatos ir socialinės aplinkos darbo grupė",
                    "number": "3",
                    "kind": WorkingGroupPage.Kind.THEMATIC,
                    "intro": "Koordinuoja sveikatos ir socialinės aplinkos sritis.",
                    "remit": streamfield(
                        [("area", "Sveikatos apsauga"), ("area", "Socialinės paslaugos")]
                    ),
                    "formed_by": str(self.order.pk),
                    "body": rich_text("<p>Grupė renkasi kas mėnesį.</p>"),
                    "memberships": inline_formset(
                        [
                            {
                                "role": "Pirmininkas",
                                "organisation": "Alytaus miesto savivaldybės taryba",
                                "category": Membership.Category.COUNCIL,
                            },
                            {
                                "role": "Narys",
                                "organisation": "Alytaus verslo asociacija",
                                "category": Membership.Category.ORGANISATION,
                            },
                        ]
                    ),
                }
            ),
        )
        group = WorkingGroupPage.objects.child_of(index).get()
        self.assertEqual(group.number, 3)
        self.assertEqual(group.formed_by, self.order)
        self.assertEqual(
            [area.value for area in group.remit], ["Sveikatos apsauga", "Socialinės paslaugos"]
        )
        self.assertEqual(
            list(group.memberships.values_list("role", "category", "locale__language_code")),
            [("Pirmininkas", "council", "lt"), ("Narys", "organisation", "lt")],
        )

    def test_editor_creates_a_meeting_with_agenda_and_decisions(self):
        index = WorkingGroupIndexPageFactory(parent=self.home)
        group = WorkingGroupPageFactory(parent=index)
        self.assertCanCreate(
            group,
            MeetingPage,
            nested_form_data(
                {
                    "title": "Pirmasis posėdis",
                    "starts_at": "2020-07-21 10:00",
                    "place": "Rotušės a. 4, Alytus",
                    "agenda": streamfield(
                        [("item", "Darbo reglamentas"), ("item", "Situacijos analizė")]
                    ),
                    "minutes": str(self.minutes.pk),
                    "decisions": streamfield(
                        [
                            (
                                "decision",
                                {
                                    "text": rich_text("<p>Patvirtinti reglamentą.</p>"),
                                    "plan_elements": {"count": "0"},
                                },
                            ),
                            (
                                "decision",
                                {
                                    "text": rich_text("<p>Kitas posėdis rugsėjį.</p>"),
                                    "plan_elements": {"count": "0"},
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        meeting = MeetingPage.objects.child_of(group).get()
        self.assertEqual(meeting.minutes, self.minutes)
        self.assertEqual(meeting.starts_at.date().isoformat(), "2020-07-21")
        self.assertEqual(len(meeting.agenda), 2)
        self.assertIn("Patvirtinti reglamentą.", meeting.decisions[0].value["text"].source)
