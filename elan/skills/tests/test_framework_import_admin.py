# SPDX-License-Identifier: EUPL-1.2
"""HR imports a framework file in the back office: upload, preview with every problem and its
line, then apply, with the same checks as ``manage.py import_framework``."""

from __future__ import annotations

import html
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.users.models import UserProfile

from elan.skills.interchange import export_framework
from elan.skills.models import Framework
from elan.skills.shipped import CONTENT_DIR, load_shipped_frameworks

pytestmark = pytest.mark.django_db

URL = "/admin/skills/import/"
APPLY_URL = "/admin/skills/import/apply/"
SOC = (CONTENT_DIR / "states-of-change.yaml").read_bytes()


def upload(client, content: bytes, name: str = "framework.yaml", **extra):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)}, **extra)


def signed_document(page: str) -> str:
    return html.unescape(re.search(r'name="document" value="([^"]+)"', page).group(1))


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_hr_uploads_sees_the_preview_then_imports_the_framework(client_for):
    client = client_for("hr")
    assert client.get(URL).status_code == 200

    preview = upload(client, SOC, "states-of-change.yaml")

    assert preview.status_code == 200
    page = text_of(preview)
    assert "It adds the framework “states-of-change”, version 1.0." in page
    assert not Framework.objects.exists(), "the preview writes nothing"
    response = client.post(APPLY_URL, {"document": signed_document(preview.content.decode())})
    assert response.status_code == 302 and response["Location"] == URL
    framework = Framework.objects.get(slug="states-of-change")
    assert framework.competencies.count() == 23
    assert framework.competencies.get(slug="imaginative").crosswalk_links.get().esco_label == {
        "en": "think creatively"
    }


def test_a_file_with_problems_lists_each_with_its_line_and_imports_nothing(client_for):
    broken = SOC.replace(b"      en: Citizen and stakeholder engagement\n", b"", 1).replace(
        b"en: evaluate information", b"en: evaluate data", 1
    )
    lines = broken.decode().splitlines()
    response = upload(client_for("hr"), broken, "soc.yaml")

    assert response.status_code == 400
    page = text_of(response)
    assert "“soc.yaml” has 2 problems. Nothing was imported." in page
    first = lines.index("  - slug: citizen-and-stakeholder-engagement")
    name_line = next(i for i, line in enumerate(lines[first:], first + 1) if line == "    name:")
    label_line = next(i for i, line in enumerate(lines, 1) if "en: evaluate data" in line)
    assert re.search(
        rf"<td>{name_line}</td><td>competencies\[0\]\.name: The English text is required", page
    )
    assert (
        f"<td>{label_line}</td><td>crosswalks[0].esco_label.en: ESCO calls this concept "
        "'evaluate information', not 'evaluate data'</td>"
    ) in page
    assert not Framework.objects.exists()


def test_the_problems_are_told_in_the_reader_s_language(client_for, personas):
    profile = UserProfile.get_for_user(personas.hr)
    profile.preferred_language = "fr"
    profile.save()
    broken = SOC.replace(b"      en: Citizen and stakeholder engagement\n", b"", 1)
    page = text_of(upload(client_for("hr"), broken, "soc.yaml"))
    # The back office speaks the person's language; the place in the file stays as written.
    assert (
        "competencies[0].name: Le texte anglais est obligatoire : il s'affiche quand une "
        "traduction manque."
    ) in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\xff\xfe\x00\x01", "framework.json", "The file is not UTF-8 text"),
        (b'{"format": "elan-framework/1",\n "slug": }', "framework.json", "not valid JSON"),
        (b"slug: [unclosed\n", "framework.yaml", "not valid YAML"),
        (b"a: &x [1]\nb: *x\n", "framework.yaml", "YAML aliases"),
        (b"[1, 2, 3]", "framework.json", "the document must be a JSON object"),
        (b"%PDF-1.4", "framework.pdf", "Choose a .json, .yaml or .yml file"),
        (b'{"groups": {"a": 1}, "competencies": [1]}', "f.json", "groups: a list is required"),
    ],
)
def test_bad_bytes_get_a_message_and_the_form_again_never_an_error_page(
    client_for, content, name, message
):
    response = upload(client_for("hr"), content, name)
    assert response.status_code == 400
    page = text_of(response)
    assert message in page
    assert 'type="file"' in page
    assert not Framework.objects.exists()


def test_no_file_at_all_is_asked_for_again(client_for):
    response = client_for("hr").post(URL, {})
    assert response.status_code == 400
    assert "Choose the framework file to import." in text_of(response)


def test_a_tampered_or_someone_else_s_preview_imports_nothing(client_for):
    preview = upload(client_for("hr"), SOC, "soc.yaml")
    token = signed_document(preview.content.decode())
    administrator = client_for("administrator")
    response = administrator.post(APPLY_URL, {"document": token}, follow=True)
    assert "This preview has expired or was not yours" in text_of(response)
    tampered = client_for("hr").post(APPLY_URL, {"document": token[:-2] + "xx"}, follow=True)
    assert "This preview has expired or was not yours" in text_of(tampered)
    assert not Framework.objects.exists()


@pytest.mark.parametrize("persona", ["content_editor", "moderator"])
def test_editors_in_the_back_office_cannot_import_frameworks(persona, client_for):
    client = client_for(persona)
    assert client.get(URL).status_code == 302
    assert upload(client, SOC).status_code == 302
    assert not Framework.objects.exists()
    menu = client.get("/admin/").content.decode()
    assert URL not in menu


def test_hr_finds_the_import_in_the_back_office_menu(client_for):
    assert URL in client_for("hr").get("/admin/").content.decode()


def test_the_command_line_and_the_back_office_refuse_the_same_file_for_the_same_reasons(
    client_for, tmp_path
):
    load_shipped_frameworks()
    document = export_framework(Framework.objects.get(slug="elan-innovation-skills"))
    document["competencies"][2]["levels"][0]["rank"] = 0
    document["crosswalks"][-1]["esco_label"] = {"en": "tell stories"}
    content = json.dumps(document, indent=2, ensure_ascii=False).encode()
    path = tmp_path / "innovation.json"
    path.write_bytes(content)

    with pytest.raises(CommandError) as raised:
        call_command("import_framework", str(path), stdout=io.StringIO())
    command_problems = [line.strip() for line in str(raised.value).splitlines()[1:]]

    page = text_of(upload(client_for("hr"), content, "innovation.json"))
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]+)</td></tr>", page)
    assert command_problems == [f"line {line}: {message}" for line, message in rows]
    assert len(rows) == 2


def test_the_preview_names_the_crosswalks_the_import_will_leave_waiting_and_only_those(
    client_for,
):
    load_shipped_frameworks()
    document = export_framework(Framework.objects.get(slug="elan-innovation-skills"))
    links = [link for link in document["crosswalks"] if "to" in link]
    # The framework it names is loaded, but holds no such competency: the import leaves it out.
    links[0]["to"]["competency"] = "no-such-competency"
    waiting = f"{links[0]['from']} → {links[0]['to']['framework']}@"
    waiting += f"{links[0]['to']['version']}/no-such-competency"
    # A link within the framework itself finds a competency the same file adds.
    document["competencies"].append({**document["competencies"][0], "slug": "added-here"})
    links[1]["to"] = {
        "framework": document["slug"],
        "version": document["version"],
        "competency": "added-here",
    }
    client = client_for("hr")

    preview = upload(client, json.dumps(document).encode(), "innovation.json")

    page = text_of(preview)
    section = page[page.index("Crosswalks that will wait") :]
    assert re.findall(r"<li>([^<]*)</li>", section.split("</ul>")[0]) == [waiting]
    response = client.post(
        APPLY_URL, {"document": signed_document(preview.content.decode())}, follow=True
    )
    assert f"not loaded yet: {waiting}. Import" in text_of(response)
