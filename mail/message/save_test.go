package message

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// mailWith builds a message with one attachment per name, holding content.
func mailWith(files ...[2]string) []byte {
	var b strings.Builder
	b.WriteString("From: a@example.test\r\nDate: Tue, 12 Mar 2024 10:00:00 +0000\r\nMessage-ID: <m@example.test>\r\n")
	b.WriteString("Content-Type: multipart/mixed; boundary=\"s\"\r\n\r\n--s\r\nContent-Type: text/plain\r\n\r\nhi\r\n")
	for _, f := range files {
		fmt.Fprintf(&b, "--s\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=%q\r\n", f[0])
		fmt.Fprintf(&b, "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n", base64.StdEncoding.EncodeToString([]byte(f[1])))
	}
	b.WriteString("--s--\r\n")
	return []byte(b.String())
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSaveAttachmentsWritesThenReuses(t *testing.T) {
	root := t.TempDir()
	p := Parse(readFixture(t, "rfc2231.eml"))
	saved, err := SaveAttachments(root, p.Dir(), p.Attachments)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"€ rates 2024.pdf":        "%PDF-1.4\n",
		"Grüße aus Koeln.txt":     "hello",
		"Rechnung Übersicht.xlsx": "\x00\x01\x02",
		"€-Beleg.csv":             "a,b\n",
	}
	for _, s := range saved {
		if s.Reused || s.Path != p.Dir()+"/"+s.FileName {
			t.Errorf("saved %+v, want new file at %s/%s", s, p.Dir(), s.FileName)
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(s.Path)))
		if err != nil || string(data) != want[s.FileName] {
			t.Errorf("%s holds %q (%v), want %q", s.Path, data, err, want[s.FileName])
		}
		checkPerm(t, filepath.Join(root, filepath.FromSlash(s.Path)), filePerm)
	}
	checkPerm(t, filepath.Join(root, "2024"), dirPerm)
	before := listFiles(t, root)
	again, err := SaveAttachments(root, p.Dir(), p.Attachments)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range again {
		if !s.Reused || s.Path != saved[i].Path {
			t.Errorf("second save %+v, want reuse of %s", s, saved[i].Path)
		}
	}
	if after := listFiles(t, root); !reflect.DeepEqual(after, before) {
		t.Errorf("files after re-import %q, want %q", after, before)
	}
}

func checkPerm(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&^want != 0 {
		t.Errorf("%s has mode %v, want at most %v", path, fi.Mode().Perm(), want)
	}
}

func TestSaveAttachmentsKeepsOtherFiles(t *testing.T) {
	root := t.TempDir()
	p := Parse(mailWith([2]string{"x", "new"}, [2]string{"X", "newer"}))
	dir := filepath.Join(root, filepath.FromSlash(p.Dir()))
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x"), []byte("someone else's"), 0o640); err != nil {
		t.Fatal(err)
	}
	saved, err := SaveAttachments(root, p.Dir(), p.Attachments)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range saved {
		data, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(s.Path)))
		got = append(got, filepath.Base(s.Path)+"="+string(data))
	}
	old, _ := os.ReadFile(filepath.Join(dir, "x"))
	want := []string{"x (2)=new", "X (2) (2)=newer"}
	if !reflect.DeepEqual(got, want) || string(old) != "someone else's" {
		t.Errorf("got %q and x=%q, want %q and x untouched", got, old, want)
	}
}

func TestSaveAttachmentsWithoutRoot(t *testing.T) {
	p := Parse(mailWith([2]string{"a.txt", "a"}))
	saved, err := SaveAttachments("", p.Dir(), p.Attachments)
	if saved != nil || err != nil {
		t.Errorf("got %v, %v; want nothing written and no error", saved, err)
	}
}

func TestSaveAttachmentsRefuses(t *testing.T) {
	base := t.TempDir()
	root, outside := filepath.Join(base, "root"), filepath.Join(base, "outside")
	for _, d := range []string{root, outside} {
		if err := os.Mkdir(d, 0o750); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, nil, 0o640); err != nil {
		t.Fatal(err)
	}
	canLink := os.Symlink(outside, filepath.Join(root, "link")) == nil
	p := Parse(mailWith([2]string{"a.txt", "a"}))
	renamed := append([]Part(nil), p.Attachments...)
	renamed[0].FileName = "../../evil"
	tests := []struct {
		name, root, subdir string
		parts              []Part
		want               error
		needsLink          bool
	}{
		{"relative root", "attachments", "2024/03/x", p.Attachments, ErrRootNotAbsolute, false},
		{"missing root", filepath.Join(base, "nope"), "2024/03/x", p.Attachments, ErrRootMissing, false},
		{"root is a file", file, "2024/03/x", p.Attachments, ErrRootMissing, false},
		{"parent in subdir", root, "../outside", p.Attachments, ErrOutsideRoot, false},
		{"absolute subdir", root, outside, p.Attachments, ErrOutsideRoot, false},
		{"backslash in subdir", root, `..\outside`, p.Attachments, ErrOutsideRoot, false},
		{"empty subdir", root, "", p.Attachments, ErrOutsideRoot, false},
		{"changed file name", root, "2024/03/x", renamed, ErrOutsideRoot, false},
		{"symbolic link out", root, "link/2024", p.Attachments, ErrOutsideRoot, true},
		{"part not from Parse", root, "2024/03/x", []Part{{FileName: "a"}}, errNoSource, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.needsLink && !canLink {
				t.Skip("no symbolic links here")
			}
			_, err := SaveAttachments(tc.root, tc.subdir, tc.parts)
			if !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
			if got := listFiles(t, outside); len(got) != 0 {
				t.Errorf("written outside: %q", got)
			}
		})
	}
}

func TestSaveAttachmentsSymlinks(t *testing.T) {
	base := t.TempDir()
	real, outside := filepath.Join(base, "real"), filepath.Join(base, "outside")
	for _, d := range []string{real, outside} {
		if err := os.Mkdir(d, 0o750); err != nil {
			t.Fatal(err)
		}
	}
	// The attachment path itself may be a link, e.g. to a mounted share.
	root := filepath.Join(base, "attachments")
	if err := os.Symlink(real, root); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	p := Parse(mailWith([2]string{"a.txt", "mine"}))
	dir := filepath.Join(real, filepath.FromSlash(p.Dir()))
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	// A link planted at the target name must not be written through.
	target := filepath.Join(outside, "a.txt")
	if err := os.WriteFile(target, []byte("theirs"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "a.txt")); err != nil {
		t.Fatal(err)
	}
	saved, err := SaveAttachments(root, p.Dir(), p.Attachments)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(real, filepath.FromSlash(saved[0].Path)))
	theirs, _ := os.ReadFile(target)
	if filepath.Base(saved[0].Path) != "a (2).txt" || string(got) != "mine" || string(theirs) != "theirs" {
		t.Errorf("saved %s = %q, outside = %q; want a (2).txt = mine and outside untouched", saved[0].Path, got, theirs)
	}
}

// errDiskFull stands in for ENOSPC, which a test cannot cause portably.
var errDiskFull = errors.New("no space left on device")

type fullDisk struct {
	*os.File
	room int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) > f.room {
		n, _ := f.File.Write(p[:f.room])
		f.room = 0
		return n, errDiskFull
	}
	f.room -= len(p)
	return f.File.Write(p)
}

func TestSaveAttachmentsDiskFull(t *testing.T) {
	root := t.TempDir()
	p := Parse(mailWith([2]string{"big.bin", strings.Repeat("x", 100<<10)}))
	orig := createTemp
	t.Cleanup(func() { createTemp = orig })
	createTemp = func(r *os.Root, name string) (tempFile, error) {
		f, err := r.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
		return &fullDisk{File: f, room: 10 << 10}, err
	}
	_, err := SaveAttachments(root, p.Dir(), p.Attachments)
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("got %v, want the disk-full error", err)
	}
	if got := listFiles(t, root); len(got) != 0 {
		t.Errorf("left behind %q, want no file", got)
	}
	createTemp = orig
	saved, err := SaveAttachments(root, p.Dir(), p.Attachments)
	if err != nil || len(saved) != 1 || saved[0].Reused || saved[0].Size != 100<<10 {
		t.Errorf("retry got %+v, %v; want the file written", saved, err)
	}
}

func TestSaveAttachmentsHostileNames(t *testing.T) {
	root := t.TempDir()
	p := Parse(readFixture(t, "hostile-names.eml"))
	saved, err := SaveAttachments(root, p.Dir(), p.Attachments)
	if err != nil {
		t.Fatal(err)
	}
	files := listFiles(t, root)
	if len(files) != len(p.Attachments) || len(saved) != len(p.Attachments) {
		t.Fatalf("files %q, want one per attachment (%d)", files, len(p.Attachments))
	}
	for _, f := range files {
		if !strings.HasPrefix(f, p.Dir()+"/") || strings.Count(f, "/") != 3 {
			t.Errorf("%q is not directly in %s", f, p.Dir())
		}
	}
}

// The folders FinishSaved syncs are the messages' folders and every
// folder above them, each once: MkdirAll may have made all of them.
func TestWithAncestorsNamesEveryNewFolderOnce(t *testing.T) {
	f := filepath.FromSlash
	got := withAncestors(map[string]bool{f("2024/01/abc"): true, f("2024/01/def"): true, f("2023/12/x"): true})
	want := []string{".", "2023", f("2023/12"), f("2023/12/x"), "2024", f("2024/01"), f("2024/01/abc"), f("2024/01/def")}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
