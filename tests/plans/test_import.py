"""Importing indicator values from a file: the preview with every row checked, "apply" in
one transaction, the log, undo of the last import, who may do it, and files that are not what
they claim to be."""

import io
import uuid
import zipfile
from decimal import Decimal

import openpyxl

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from plans import imports
from plans.models import IndicatorImport, IndicatorValue, PlanDraftPage
from plans.tree import raw_indicators
from tests.factories import (
    HomePageFactory,
    PlanDraftPageFactory,
    PlanIndexPageFactory,
    ensure_locales,
    ensure_root,
)
from tests.plans.plan_data import plan_tree


def csv_file(text, name="reiksmes.csv", encoding="utf-8-sig"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="reiksmes.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


class ImportTestCase(TestCase):
    """An adopted plan with two indicators (1.1.1.1.1 and 1.1.1.2.1, baselines in 2019) and one
    value recorded: the first indicator's 2022 value, 12."""

    @classmethod
    def setUpTestData(cls):
        lt, _en = ensure_locales()
        home = HomePageFactory(parent=ensure_root(lt))
        index = PlanIndexPageFactory(parent=home)
        cls.plan = PlanDraftPageFactory(
            parent=index,
            title="Strateginis planas",
            stage=PlanDraftPage.Stage.ADOPTED,
            plan_tree=plan_tree(measures=2),
        )
        cls.plan.save_revision().publish()
        cls.plan = PlanDraftPage.objects.get(pk=cls.plan.pk)
        (_n1, cls.first, *_rest), (_n2, cls.second, *_rest2) = raw_indicators(
            cls.plan.plan_tree.raw_data
        )
        IndicatorValue.objects.create(
            plan=cls.plan, indicator_id=cls.first, year=2022, value=12, note="Statistikos duomenys"
        )
        cls.admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def upload(self, uploaded):
        return self.client.post(
            reverse("plans_admin:plan_imports", args=[self.plan.pk]), {"file": uploaded}
        )

    def preview(self, uploaded):
        response = self.upload(uploaded)
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        record = IndicatorImport.objects.latest("pk")
        return record, self.client.get(reverse("plans_admin:import_preview", args=[record.pk]))

    def apply(self, record):
        return self.client.post(
            reverse("plans_admin:import_preview", args=[record.pk]), follow=True
        )

    def values(self):
        return {
            (str(value.indicator_id), value.year): (value.value, value.note)
            for value in IndicatorValue.objects.all()
        }


class PreviewTests(ImportTestCase):
    def test_preview_shows_what_each_row_does_and_writes_nothing(self):
        before = self.values()
        record, response = self.preview(
            csv_file(
                "Rodiklio numeris;Rodiklis;Rodiklio ID;Metai;Reikšmė;Pastaba\r\n"
                "1.1.1.1.1;Rodiklis;;2022;12,5;\r\n"
                "1.1.1.1.1;Rodiklis;;2023;1 013,25;Patikslinta\r\n"
                ";;;;;\r\n"
                f";;{self.second.upper()};2023;7;\r\n"
            )
        )
        self.assertEqual(self.values(), before)
        self.assertEqual(record.status, IndicatorImport.Status.PREVIEW)
        rows = response.context["rows"]
        self.assertEqual(
            [
                (row["line"], row["number"], row["year"], row["value"], row["action"])
                for row in rows
            ],
            [
                (2, "1.1.1.1.1", 2022, "12.500", "change"),
                (3, "1.1.1.1.1", 2023, "1013.250", "add"),
                (5, "1.1.1.2.1", 2023, "7.000", "add"),
            ],
        )
        self.assertEqual(rows[0]["old_value"], "12.000")
        html = response.content.decode()
        self.assertIn("Bus pakeista iš 12 į 12,5", html)
        self.assertIn("1\u00a0013,25", html)
        self.assertContains(response, 'type="submit" class="button">Taikyti')

    def test_each_kind_of_error_is_shown_on_its_row_and_nothing_can_be_applied(self):
        record, response = self.preview(
            csv_file(
                "Rodiklio numeris,Metai,Reikšmė\n"
                "9.9.9.9.9,2022,1\n"  # no such indicator
                "1.1.1.1.1,2015,1\n"  # before the plan's period (2019–2030)
                "1.1.1.1.1,2031,1\n"  # after it
                "1.1.1.1.1,dveji,1\n"  # not a year
                "1.1.1.1.1,2021,daug\n"  # not a number
                "1.1.1.1.1,2020,=1+1\n"  # a formula is not a number either
                '1.1.1.1.1,2019,"1,2345"\n'  # more decimals than are kept
                "1.1.1.2.1,2021,5\n"
                "1.1.1.2.1,2021,6\n"  # the same indicator and year again
            )
        )
        codes = [[error["code"] for error in row["errors"]] for row in record.rows]
        self.assertEqual(
            codes,
            [
                ["unknown_number"],
                ["year_outside"],
                ["year_outside"],
                ["bad_year"],
                ["not_a_number"],
                ["not_a_number"],
                ["too_many_decimals"],
                [],
                ["duplicate"],
            ],
        )
        html = response.content.decode()
        self.assertIn("Šis planas neturi rodiklio numeriu 9.9.9.9.9.", html)
        self.assertIn("Metai nepatenka į plano laikotarpį (2019–2030).", html)
        self.assertIn("Tas pats rodiklis ir metai jau yra 9 eilutėje.", html)
        self.assertNotContains(response, ">Taikyti<")
        self.apply(record)  # asked for anyway: refused on the server
        self.assertEqual(IndicatorValue.objects.count(), 1)
        record.refresh_from_db()
        self.assertEqual(record.status, IndicatorImport.Status.PREVIEW)

    def test_an_unknown_indicator_id_and_a_number_that_names_another_indicator(self):
        record, _response = self.preview(
            csv_file(
                "Rodiklio numeris,Rodiklio ID,Metai,Reikšmė\n"
                f",{uuid.uuid4()},2022,1\n"
                f"1.1.1.1.1,{self.second},2022,1\n"
            )
        )
        codes = [[error["code"] for error in row["errors"]] for row in record.rows]
        self.assertEqual(codes, [["unknown_id"], ["number_id_differ"]])

    def test_an_xlsx_made_from_the_template_is_read(self):
        response = self.client.get(reverse("plans_admin:import_template_xlsx", args=[self.plan.pk]))
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = workbook.active
        self.assertEqual(
            [cell.value for cell in sheet[2]][:3], ["1.1.1.1.1", "Rodiklis 1.1.1.1.1", self.first]
        )
        sheet["D2"], sheet["E2"] = 2023, 14.2
        sheet["D3"], sheet["E3"] = "2023", "3,5"
        out = io.BytesIO()
        workbook.save(out)
        record, _response = self.preview(SimpleUploadedFile("sablonas.xlsx", out.getvalue()))
        self.assertEqual(
            [(row["number"], row["year"], row["value"], row["errors"]) for row in record.rows],
            [("1.1.1.1.1", 2023, "14.200", []), ("1.1.1.2.1", 2023, "3.500", [])],
        )

    def test_the_csv_template_lists_the_plans_indicators_for_excel(self):
        response = self.client.get(reverse("plans_admin:import_template_csv", args=[self.plan.pk]))
        text = response.content.decode("utf-8")
        self.assertTrue(text.startswith("\ufeffRodiklio numeris;Rodiklis;Rodiklio ID;Metai;"))
        self.assertIn(f"1.1.1.2.1;Rodiklis 1.1.1.2.1;{self.second};;;", text)


class ApplyTests(ImportTestCase):
    def test_apply_writes_every_row_and_logs_who_what_and_when(self):
        record, _response = self.preview(
            csv_file(
                "metai,reikšmė,rodiklio numeris,pastaba\n"
                "2022,12.5,1.1.1.1.1,\n"
                "2023,13,1.1.1.1.1,Išankstiniai duomenys\n"
                "2023,7,1.1.1.2.1,\n"
            )
        )
        response = self.apply(record)
        self.assertEqual(
            self.values(),
            {
                (self.first, 2022): (Decimal("12.5"), "Statistikos duomenys"),
                (self.first, 2023): (Decimal("13"), "Išankstiniai duomenys"),
                (self.second, 2023): (Decimal("7"), ""),
            },
        )
        record.refresh_from_db()
        self.assertEqual(record.status, IndicatorImport.Status.APPLIED)
        self.assertEqual(record.user, self.admin)
        self.assertIsNotNone(record.applied_at)
        self.assertEqual(
            [
                (c["number"], c["year"], c["action"], c["old_value"], c["value"])
                for c in record.changes
            ],
            [
                ("1.1.1.1.1", 2022, "change", "12.000", "12.500"),
                ("1.1.1.1.1", 2023, "add", None, "13.000"),
                ("1.1.1.2.1", 2023, "add", None, "7.000"),
            ],
        )
        html = response.content.decode()
        self.assertIn("pakeista iš 12 į 12,5", html)
        self.assertIn("pridėta 13", html)
        # The plan's import page lists it.
        page = self.client.get(reverse("plans_admin:plan_imports", args=[self.plan.pk]))
        self.assertContains(page, "reiksmes.csv")
        self.assertContains(page, "admin")
        # Applying twice does nothing more.
        self.apply(record)
        self.assertEqual(IndicatorValue.objects.count(), 3)

    def test_a_row_whose_value_changed_after_the_preview_stops_the_whole_import(self):
        record, _response = self.preview(
            csv_file("Rodiklio numeris;Metai;Reikšmė\n1.1.1.2.1;2023;7\n1.1.1.1.1;2022;12,5\n")
        )
        # Someone records another value for the second row's indicator and year meanwhile.
        IndicatorValue.objects.filter(indicator_id=self.first, year=2022).update(value=11)
        response = self.apply(record)
        self.assertContains(response, "3 eilutės")
        self.assertEqual(
            self.values(), {(self.first, 2022): (Decimal("11"), "Statistikos duomenys")}
        )
        record.refresh_from_db()
        self.assertEqual(record.status, IndicatorImport.Status.PREVIEW)


class UndoTests(ImportTestCase):
    def applied(self, text):
        record, _response = self.preview(csv_file(text))
        self.apply(record)
        record.refresh_from_db()
        self.assertEqual(record.status, IndicatorImport.Status.APPLIED)
        return record

    def undo(self, record):
        return self.client.post(reverse("plans_admin:import_undo", args=[record.pk]), follow=True)

    def test_undo_restores_the_values_before_the_import_exactly(self):
        before = self.values()
        record = self.applied(
            "Rodiklio numeris,Metai,Reikšmė,Pastaba\n"
            "1.1.1.1.1,2022,12.5,Patikslinta\n"
            "1.1.1.2.1,2023,7,\n"
        )
        self.assertNotEqual(self.values(), before)
        response = self.undo(record)
        self.assertContains(response, "Importas atšauktas")
        self.assertEqual(self.values(), before)
        record.refresh_from_db()
        self.assertEqual(record.status, IndicatorImport.Status.UNDONE)
        self.assertEqual(record.undone_by, self.admin)

    def test_undo_is_refused_when_a_value_was_changed_since(self):
        record = self.applied(
            "Rodiklio numeris,Metai,Reikšmė\n1.1.1.2.1,2023,7\n1.1.1.1.1,2022,13\n"
        )
        value = IndicatorValue.objects.get(indicator_id=self.first, year=2022)
        value.value = 14
        value.save()
        after = self.values()
        response = self.undo(record)
        self.assertContains(response, "Šio importo atšaukti negalima")
        self.assertContains(response, "1.1.1.1.1 2022")
        self.assertEqual(self.values(), after)
        record.refresh_from_db()
        self.assertEqual(record.status, IndicatorImport.Status.APPLIED)

    def test_only_the_last_import_is_undone(self):
        first = self.applied("Rodiklio numeris,Metai,Reikšmė\n1.1.1.2.1,2021,7\n")
        self.applied("Rodiklio numeris,Metai,Reikšmė\n1.1.1.2.1,2022,8\n")
        self.undo(first)
        first.refresh_from_db()
        self.assertEqual(first.status, IndicatorImport.Status.APPLIED)
        self.assertEqual(IndicatorValue.objects.filter(indicator_id=self.second).count(), 2)


class PermissionTests(ImportTestCase):
    def user_in(self, group_name):
        user = get_user_model().objects.create_user(group_name, f"{group_name}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group_name))
        self.client.force_login(user)
        return user

    def test_an_editor_imports(self):
        self.user_in("Editors")
        response = self.client.get(reverse("plans_admin:plan_imports", args=[self.plan.pk]))
        self.assertEqual(response.status_code, 200)

    def test_a_user_without_the_right_to_record_values_is_refused_on_the_server(self):
        record, _response = self.preview(
            csv_file("Rodiklio numeris,Metai,Reikšmė\n1.1.1.2.1,2021,7\n")
        )
        self.user_in("Translators")
        urls = [
            reverse("plans_admin:import_plans"),
            reverse("plans_admin:plan_imports", args=[self.plan.pk]),
            reverse("plans_admin:import_template_csv", args=[self.plan.pk]),
            reverse("plans_admin:import_preview", args=[record.pk]),
        ]
        # Wagtail answers a refusal with the dashboard and "you do not have permission".
        refused = reverse("wagtailadmin_home")
        for url in urls:
            self.assertRedirects(self.client.get(url), refused, fetch_redirect_response=False)
        upload = self.upload(csv_file("Rodiklio numeris,Metai,Reikšmė\n1.1.1.2.1,2022,7\n"))
        self.assertRedirects(upload, refused, fetch_redirect_response=False)
        apply = self.client.post(reverse("plans_admin:import_preview", args=[record.pk]))
        self.assertRedirects(apply, refused, fetch_redirect_response=False)
        self.assertEqual(IndicatorImport.objects.count(), 1)
        self.assertEqual(IndicatorValue.objects.count(), 1)

    def test_a_plan_that_is_not_adopted_has_no_import(self):
        draft = PlanDraftPageFactory(parent=self.plan.get_parent(), plan_tree=plan_tree())
        url = reverse("plans_admin:plan_imports", args=[draft.pk])
        # (Django's LocaleMiddleware sends an unknown address to its /lt/ form first.)
        self.assertEqual(self.client.get(url, follow=True).status_code, 404)


class HostileFileTests(ImportTestCase):
    def assert_refused(self, uploaded, message):
        response = self.upload(uploaded)
        self.assertEqual(response.status_code, 400)
        self.assertIn(message, response.context["form"].errors["file"][0])
        self.assertFalse(IndicatorImport.objects.exists())

    def test_a_picture_named_xlsx(self):
        png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
        self.assert_refused(SimpleUploadedFile("reiksmes.xlsx", png), "Tai ne Excel (.xlsx)")

    def test_a_zip_that_is_not_a_workbook(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("readme.txt", "labas")
        self.assert_refused(
            SimpleUploadedFile("reiksmes.xlsx", out.getvalue()),
            "Darbaknygės nepavyksta perskaityti",
        )

    def test_another_kind_of_file(self):
        self.assert_refused(csv_file("a,b\n1,2\n", name="reiksmes.txt"), ".csv arba .xlsx")

    def test_a_file_too_large(self):
        big = "Rodiklio numeris,Metai,Reikšmė\n" + "1.1.1.1.1,2022,1\n" * 150_000
        self.assert_refused(csv_file(big), "didesnis nei 2 MB")

    def test_too_many_rows(self):
        rows = "Rodiklio numeris,Metai,Reikšmė\n" + "1.1.1.1.1,2022,1\n" * (imports.MAX_ROWS + 1)
        self.assert_refused(csv_file(rows), "daugiau nei 5000 eilučių")

    def test_a_formula_cell(self):
        self.assert_refused(
            xlsx_file([["Rodiklio numeris", "Metai", "Reikšmė"], ["1.1.1.1.1", 2022, "=10+2"]]),
            "C2 yra formulė",
        )

    def test_nul_bytes(self):
        self.assert_refused(
            csv_file("Rodiklio numeris,Metai,Reikšmė\n1.1.1.1.1,2022,1\x00\n"), "dvejetainių"
        )

    def test_text_that_is_not_utf8(self):
        self.assert_refused(
            csv_file("Rodiklio numeris;Metai;Reikšmė\n", encoding="cp1257"), "CSV UTF-8"
        )

    def test_a_file_without_the_columns(self):
        self.assert_refused(csv_file("a;b;c\n1;2;3\n"), "Pirmoje eilutėje")
