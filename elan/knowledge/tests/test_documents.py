# SPDX-License-Identifier: EUPL-1.2
"""Presentations: a document uploaded in the back office, downloaded with its type and size."""

from __future__ import annotations

from html import unescape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from wagtail.documents import get_document_model


def generated_pdf(pages: int = 3) -> bytes:
    """A small but valid PDF, made here, so the test needs no file from anywhere."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + index} 0 R" for index in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for _index in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    body += (
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return body + b"%" + b"padding " * 200


def test_an_editor_uploads_a_presentation_and_visitors_download_it_with_type_and_size(
    hub, personas, client_for, settings, tmp_path
):
    # Files on disk, as in production: Wagtail serves documents from the storage's path.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    content = generated_pdf()
    editor = client_for("content_editor")
    response = editor.post(
        "/admin/documents/add/",
        {
            "title": "Bricolage (slides)",
            "file": SimpleUploadedFile("bricolage.pdf", content, content_type="application/pdf"),
            "collection": 1,
        },
    )
    assert response.status_code == 302, response.content[:500]
    document = get_document_model().objects.get(title="Bricolage (slides)")

    # The moderator attaches it and publishes; the page switches from the link to the file.
    presentation = hub.page("presentation-bricolage", "fr")
    presentation.document = document
    presentation.save_revision(user=personas.moderator).publish(user=personas.moderator)

    visitor = client_for("visitor")
    html = visitor.get(presentation.url).content.decode()
    size = str(filesizeformat(len(content)))
    assert "PDF" in html
    assert size.replace("\xa0", " ") in html.replace("\xa0", " ")
    assert f'href="{document.url}"' in html

    download = visitor.get(document.url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == content


def test_before_a_file_is_uploaded_the_page_links_to_where_it_is_published(hub, client):
    html = client.get(hub.url("presentation-innovation-skills-opsi", "nl")).content.decode()
    assert (
        'href="https://www.nidolab.be/nl/inspiratie/inspiratiethemas/iedereen-kan-innoveren"'
        in html
    )
    assert "3.75 MB" in html and "PDF" in html


def test_a_file_attached_to_the_english_presentation_serves_the_french_one_too(
    hub, personas, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    document = get_document_model().objects.create(
        title="Bricolage (slides)",
        file=SimpleUploadedFile("bricolage.pdf", generated_pdf(), content_type="application/pdf"),
    )
    english = hub.page("presentation-bricolage", "en")
    english.document = document
    english.save_revision(user=personas.moderator).publish(user=personas.moderator)
    french = hub.page("presentation-bricolage", "fr")
    # The French page is a translation of its own, made before the file was attached.
    assert not french.alias_of_id and french.document_id is None

    html = client_for("visitor").get(french.url).content.decode()

    assert f'href="{document.url}" download' in html
    assert "Nous n'hébergeons pas encore ce fichier" not in unescape(html)
