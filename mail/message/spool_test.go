package message

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// savedView is what a Saved says, without its source pointer.
func savedView(list []Saved) []string {
	var out []string
	for _, s := range list {
		out = append(out, fmt.Sprintf("%s %s %s %s %d %s reused=%v", s.Section, s.FileName, s.ContentType, s.Path,
			s.Size, s.SHA256, s.Reused))
	}
	return out
}

// tree is every file under root with its content.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range listFiles(t, root) {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		out[f] = string(b)
	}
	return out
}

// twoPasses is how attachments were saved before ParseAndSavePending.
func twoPasses(t *testing.T, raw []byte, root string) (Parsed, []Saved) {
	t.Helper()
	p := Parse(raw)
	saved, err := SaveAttachmentsPending(root, p.Dir(), p.Attachments)
	if err == nil {
		err = FinishSaved(root, saved)
	}
	if err != nil {
		t.Fatal(err)
	}
	return p, saved
}

func onePass(t *testing.T, raw []byte, root string) (Parsed, []Saved) {
	t.Helper()
	p, saved, err := ParseAndSavePending(raw, root, Options{})
	if err == nil {
		err = FinishSaved(root, saved)
	}
	if err != nil {
		t.Fatal(err)
	}
	return p, saved
}

// ParseAndSavePending gives what Parse and SaveAttachmentsPending gave:
// the same Parsed, the same names, sizes and hashes, the same files —
// on the fixtures and the genmail corpus, written fresh and again.
func TestParseAndSavePendingMatchesTwoPasses(t *testing.T) {
	var mails [][]byte
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, f := range files {
		mails = append(mails, readFixture(t, filepath.Base(f)))
	}
	corpus, _ := genmailMessages(t)
	mails = append(mails, corpus...)
	mails = append(mails, mailWith([2]string{"a.pdf", "one"}, [2]string{"A.pdf", "two"}, [2]string{"a.pdf", "one"}))
	rootA, rootB := t.TempDir(), t.TempDir()
	written := 0
	for round := 1; round <= 2; round++ { // the second round reuses every file
		for i, raw := range mails {
			pa, sa := twoPasses(t, raw, rootA)
			pb, sb := onePass(t, raw, rootB)
			if !reflect.DeepEqual(summarize(pa), summarize(pb)) || !reflect.DeepEqual(pa.Warnings, pb.Warnings) {
				t.Errorf("round %d, mail %d: parsed %+v, want %+v", round, i, summarize(pb), summarize(pa))
			}
			if a, b := savedView(sa), savedView(sb); !reflect.DeepEqual(a, b) {
				t.Errorf("round %d, mail %d: saved\n%q\nwant\n%q", round, i, b, a)
			}
			written += len(sb)
		}
	}
	if a, b := tree(t, rootA), tree(t, rootB); !reflect.DeepEqual(a, b) {
		t.Errorf("files differ: %d one pass, %d two passes", len(b), len(a))
	}
	if written < 70 {
		t.Errorf("only %d attachments saved", written)
	}
}

// A file of the same name but other content keeps its name; the part
// gets the next, as with SaveAttachments.
func TestParseAndSavePendingNameTaken(t *testing.T) {
	root := t.TempDir()
	raw := mailWith([2]string{"offerte.pdf", "nieuw"})
	p := Parse(raw)
	dir := filepath.Join(root, filepath.FromSlash(p.Dir()))
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "offerte.pdf"), []byte("oud"), 0o640); err != nil {
		t.Fatal(err)
	}
	_, saved := onePass(t, raw, root)
	want := map[string]string{p.Dir() + "/offerte.pdf": "oud", p.Dir() + "/offerte (2).pdf": "nieuw"}
	if got := tree(t, root); !reflect.DeepEqual(got, want) || len(saved) != 1 || saved[0].Reused {
		t.Errorf("got files %q, saved %q; want %q", got, savedView(saved), want)
	}
}

// A full disk fails the save and leaves no file behind; Parsed is whole.
func TestParseAndSavePendingDiskFull(t *testing.T) {
	root := t.TempDir()
	raw := mailWith([2]string{"klein.txt", "x"}, [2]string{"big.bin", strings.Repeat("x", 100<<10)},
		[2]string{"na.txt", "y"})
	orig := createTemp
	t.Cleanup(func() { createTemp = orig })
	createTemp = func(r *os.Root, name string) (tempFile, error) {
		f, err := r.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
		return &fullDisk{File: f, room: 10 << 10}, err
	}
	p, saved, err := ParseAndSavePending(raw, root, Options{})
	if !errors.Is(err, errDiskFull) || saved != nil {
		t.Fatalf("got %q, %v; want the disk-full error", savedView(saved), err)
	}
	if got := listFiles(t, root); len(got) != 0 {
		t.Errorf("left behind %q, want no file", got)
	}
	if want := Parse(raw); !reflect.DeepEqual(summarize(p), summarize(want)) {
		t.Errorf("parsed %+v, want %+v", summarize(p), summarize(want))
	}
}

// Without an attachment path nothing is written and Parse's result comes
// back; a missing attachment path is the error SaveAttachments gives.
func TestParseAndSavePendingRoots(t *testing.T) {
	raw := mailWith([2]string{"a.txt", "a"})
	p, saved, err := ParseAndSavePending(raw, "", Options{})
	if err != nil || saved != nil || !reflect.DeepEqual(summarize(p), summarize(Parse(raw))) {
		t.Errorf("no root: %+v, %q, %v", summarize(p), savedView(saved), err)
	}
	_, _, err = ParseAndSavePending(raw, filepath.Join(t.TempDir(), "missing"), Options{})
	if !errors.Is(err, ErrRootMissing) {
		t.Errorf("missing root: %v, want ErrRootMissing", err)
	}
}
