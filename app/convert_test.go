package app

import (
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/mail/imapsync"
	"postbridge/mail/message"
	"postbridge/storage"
)

// convertMail has a text body and two attachments; the second shares the
// first one's name.
const convertMail = "From: Jan <jan@klant.test>\r\nTo: alice@acme.test\r\nSubject: Offerte\r\n" +
	"Date: Tue, 12 Mar 2024 10:00:00 +0000\r\nMessage-ID: <conv@klant.test>\r\n" +
	"Content-Type: multipart/mixed; boundary=\"s\"\r\n\r\n--s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
	"Bijgaand de offerte.\r\n--s\r\nContent-Type: application/pdf\r\n" +
	"Content-Disposition: attachment; filename=\"offerte.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%A\r\n" +
	"--s\r\nContent-Type: application/pdf\r\n" +
	"Content-Disposition: attachment; filename=\"Offerte.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%B\r\n--s--\r\n"

// The converter stores what Parse reads and names the attachments it
// wrote in one pass; once the batch is finished, they are under those
// names with the content of the mail.
func TestConverterSavesAttachments(t *testing.T) {
	root := t.TempDir()
	files := newAttachmentWriter(root)
	convert := (&Actions{}).converter(files)
	a, b := strings.Repeat("%PDF offerte A ", 5000), "%PDF offerte B"
	raw := []byte(strings.NewReplacer("%A", base64.StdEncoding.EncodeToString([]byte(a)),
		"%B", base64.StdEncoding.EncodeToString([]byte(b))).Replace(convertMail))
	nm, warnings, err := convert(imapsync.Fetched{Folder: "In", UIDValidity: 1, UID: 7, Raw: raw, Direction: storage.DirectionIn})
	if err != nil || len(warnings) != 0 {
		t.Fatalf("convert: %v, warnings %q", err, warnings)
	}
	p := message.Parse(raw)
	if nm.SHA256 != p.SHA256 || nm.ContentHash != message.ContentHash(raw) || nm.TextBody != "Bijgaand de offerte." ||
		nm.Subject != "Offerte" || strings.Join(nm.LinkAddresses, ",") != "jan@klant.test" {
		t.Errorf("row: subject %q, text %q, links %q, hashes %s %s do not match the parsed mail",
			nm.Subject, nm.TextBody, nm.LinkAddresses, nm.SHA256, nm.ContentHash)
	}
	if err := files.finish([]storage.NewMessage{nm}); err != nil {
		t.Fatal(err)
	}
	want := []struct{ path, content string }{{p.Dir() + "/offerte.pdf", a}, {p.Dir() + "/Offerte (2).pdf", b}}
	if len(nm.Attachments) != len(want) {
		t.Fatalf("attachments %+v, want %d", nm.Attachments, len(want))
	}
	for i, w := range want {
		got := nm.Attachments[i]
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(got.Path)))
		if got.Path != w.path || got.Size != int64(len(w.content)) || err != nil || string(data) != w.content {
			t.Errorf("attachment %d: %+v (%d bytes read, %v); want %s, %d bytes", i, got, len(data), err, w.path, len(w.content))
		}
	}
	entries, _ := os.ReadDir(filepath.Join(root, filepath.FromSlash(p.Dir())))
	if len(entries) != len(want) {
		t.Errorf("%d files in the message's folder, want %d (no temporary file left)", len(entries), len(want))
	}
}

// An attachment path that is gone fails the conversion (the batch stops
// before its commit); without one set, nothing is written at all.
func TestConverterAttachmentPath(t *testing.T) {
	raw := []byte(strings.NewReplacer("%A", "QUJD", "%B", "REVG").Replace(convertMail))
	f := imapsync.Fetched{Folder: "In", UIDValidity: 1, UID: 8, Raw: raw}
	missing := newAttachmentWriter(filepath.Join(t.TempDir(), "gone"))
	if _, _, err := (&Actions{}).converter(missing)(f); !errors.Is(err, message.ErrRootMissing) {
		t.Errorf("missing attachment path: %v, want ErrRootMissing", err)
	}
	nm, _, err := (&Actions{}).converter(newAttachmentWriter(""))(f)
	if err != nil || len(nm.Attachments) != 0 || nm.TextBody == "" {
		t.Errorf("no attachment path: %v, attachments %+v", err, nm.Attachments)
	}
}
