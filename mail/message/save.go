package message

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

const (
	dirPerm  = 0o750
	filePerm = 0o640
	// maxVariants bounds the search for a free name; more than this many
	// different files of one name in one message directory is an attack.
	maxVariants = 100
	// maxPathChars is Windows' MAX_PATH (260) less its closing NUL.
	// NTFS stores longer paths, but Explorer, Office and most programs
	// an office opens attachments with cannot open them.
	maxPathChars = 259
	// minNameBytes is the least a name is cut to when the attachment
	// path itself is already long: the file must still say what it is.
	minNameBytes = 32
)

// Errors the window explains.
var (
	// ErrRootNotAbsolute: the attachment path is relative, so it would
	// depend on the directory the program was started from.
	ErrRootNotAbsolute = errors.New("attachment path is not absolute")
	// ErrRootMissing: the attachment path does not exist or is not a
	// directory. It is not created: a network share that is not mounted
	// must not silently fill the local disk instead.
	ErrRootMissing = errors.New("attachment path is not an existing folder")
	// ErrOutsideRoot: the target would lie outside the attachment path,
	// through ".." or a symbolic link.
	ErrOutsideRoot = errors.New("target lies outside the attachment path")
)

// Saved is an attachment as written.
type Saved struct {
	Part
	// Path is relative to the attachment path, with slashes, so that a
	// database shared by Windows and Linux workstations, each with the
	// share at its own place, finds the file from either.
	Path string
	// Reused is set when an identical file was already there (a
	// re-import); nothing was written.
	Reused bool
	// pending is where SaveAttachmentsPending wrote the file, relative
	// to the root, until FinishSaved puts it under Path.
	pending string
}

// SaveAttachments writes parts, which come from Parse, into root/subdir
// (subdir is normally [Parsed.Dir]). It writes nothing and returns nil when
// root is empty: attachments are saved only when the company attachment
// path is set. Directories are made 0750, files 0640.
//
// A file that exists with the same content is reused; one with other
// content keeps its name and the part gets "name (2).ext". Each file is
// written to a temporary name, synced and renamed, so a full disk or a
// crash leaves no partial file under the real name; files finished before
// an error stay, and a retry reuses them. A name is shortened, keeping its
// extension, so that the whole path stays within Windows' 259 characters.
func SaveAttachments(root, subdir string, parts []Part) (saved []Saved, err error) {
	return saveAttachments(root, subdir, parts, false)
}

// SaveAttachmentsPending is SaveAttachments for a batch of messages: each
// file is written under a temporary name and neither synced nor renamed.
// FinishSaved then makes the batch's files durable with one flush of the
// file system and puts them under their names, before the batch's
// database commit. A first import of 10,000 mails spent more than half
// its time waiting in the fsync of each attachment (BENCHMARKS.md).
// Until FinishSaved has returned, the files are not on disk.
func SaveAttachmentsPending(root, subdir string, parts []Part) ([]Saved, error) {
	return saveAttachments(root, subdir, parts, true)
}

func saveAttachments(root, subdir string, parts []Part, deferred bool) (saved []Saved, err error) {
	if root == "" || len(parts) == 0 {
		return nil, nil
	}
	defer func() {
		// The walk is the same code Parse survived on this message, but
		// a sync must not die here either.
		if r := recover(); r != nil && recoverPanics {
			saved, err = nil, panicked(r)
		} else if r != nil {
			panic(r)
		}
	}()
	s, err := openSaver(root, subdir)
	if err != nil {
		return nil, err
	}
	defer s.root.Close()
	s.deferred = deferred
	out := make([]Saved, len(parts))
	bySource := make(map[*source][]int)
	for i, p := range parts {
		if p.src == nil {
			return nil, fmt.Errorf("attachment %q: %w", p.FileName, errNoSource)
		}
		bySource[p.src] = append(bySource[p.src], i)
	}
	for src, idx := range bySource {
		if err := s.saveFrom(src, parts, idx, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

var (
	errNoSource = errors.New("part does not come from Parse")
	errInternal = errors.New("internal error")
)

// panicked is a panic recovered while attachments were read or saved, as
// errInternal. A panic value that is an error (a runtime.Error such as a
// nil dereference or an index out of range) stays reachable by errors.As;
// any other value (panic("...") with a string or a number) is no error and
// can only be kept as its text.
func panicked(r any) error {
	if e, ok := r.(error); ok {
		return fmt.Errorf("save attachments: %w: %w", errInternal, e)
	}
	return fmt.Errorf("save attachments: %w: %v", errInternal, r)
}

// saver writes into one message directory through an os.Root, which
// refuses, even against a concurrent change, any path or symbolic link
// that leads out of the resolved attachment path.
type saver struct {
	root  *os.Root
	dir   string // subdir, OS separators
	taken map[string]bool
	// maxName is how many bytes a file name may have so that the full
	// path stays within maxPathChars.
	maxName int
	// deferred leaves new files under their temporary names, unsynced,
	// for FinishSaved.
	deferred bool
}

func openSaver(root, subdir string) (*saver, error) {
	if !filepath.IsAbs(root) {
		return nil, fmt.Errorf("%q: %w", root, ErrRootNotAbsolute)
	}
	dir := filepath.FromSlash(subdir)
	if !filepath.IsLocal(dir) || strings.ContainsRune(subdir, '\\') {
		return nil, fmt.Errorf("subdirectory %q: %w", subdir, ErrOutsideRoot)
	}
	base, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, fmt.Errorf("%q: %w: %w", root, ErrRootMissing, err)
	}
	if fi, err := os.Stat(base); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%q: %w", root, ErrRootMissing)
	}
	if err := checkInside(base, dir); err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(base)
	if err != nil {
		return nil, fmt.Errorf("open attachment path: %w", err)
	}
	if err := r.MkdirAll(dir, dirPerm); err != nil {
		r.Close()
		return nil, fmt.Errorf("create %s: %w", subdir, err)
	}
	// Checked again now that every directory exists.
	if err := checkInside(base, dir); err != nil {
		r.Close()
		return nil, err
	}
	return &saver{root: r, dir: dir, taken: make(map[string]bool), maxName: nameBudget(root, dir)}, nil
}

// nameBudget is the length a file name in root/dir may have to keep the
// whole path within maxPathChars, counted as Windows does, in UTF-16 code
// units. A name is cut in UTF-8 bytes, never fewer than its UTF-16 units,
// so a name within the budget also fits there. Applied on every system:
// the attachment path is often a share that Windows workstations open.
func nameBudget(root, dir string) int {
	used := 0
	for _, r := range filepath.Join(root, dir) + string(filepath.Separator) {
		used += utf16.RuneLen(r)
	}
	return min(MaxFileNameBytes, max(minNameBytes, maxPathChars-used))
}

// checkInside resolves the symbolic links of base/dir, as far as it
// exists, and refuses a result outside base, the resolved root.
func checkInside(base, dir string) error {
	p := base
	for _, elem := range strings.Split(dir, string(filepath.Separator)) {
		p = filepath.Join(p, elem)
		resolved, err := filepath.EvalSymlinks(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("resolve %s: %w", p, err)
		}
		rel, err := filepath.Rel(base, resolved)
		if err != nil || !filepath.IsLocal(rel) {
			return fmt.Errorf("%s leads to %s: %w", p, resolved, ErrOutsideRoot)
		}
	}
	return nil
}

// saveFrom walks the raw message once and writes the parts at idx.
func (s *saver) saveFrom(src *source, parts []Part, idx []int, out []Saved) error {
	want := make(map[string]int, len(idx))
	for _, i := range idx {
		want[parts[i].Section] = i
	}
	w := walker{d: &decoder{}, visit: func(l *leaf) error {
		i, ok := want[l.section]
		if !ok {
			return nil
		}
		delete(want, l.section)
		saved, err := s.save(parts[i], l.body)
		out[i] = saved
		if err != nil {
			return err
		}
		if len(want) == 0 {
			return errStop
		}
		return nil
	}}
	h, body, _ := splitHeader(src.raw, w.d)
	err := w.entity(h, bytes.NewReader(body), "", "text/plain", 0)
	if err != nil && !errors.Is(err, errStop) {
		return err
	}
	for sec, i := range want {
		return fmt.Errorf("attachment %q: part %s not found in the message", parts[i].FileName, sec)
	}
	return nil
}

// save writes one part under the first name that is free or already
// holds the same content.
func (s *saver) save(p Part, body io.Reader) (Saved, error) {
	return s.place(p, func(rel string) (string, error) { return s.write(rel, p, body) })
}

// place gives p the first name that is free or already holds the same
// content; fresh writes the part when its name is free and returns the
// temporary name a deferred saver leaves it under.
func (s *saver) place(p Part, fresh func(rel string) (string, error)) (Saved, error) {
	// FileName is exported and may have been changed since Parse.
	if p.FileName == "" || SanitizeFileName(p.FileName) != p.FileName {
		return Saved{}, fmt.Errorf("file name %q: %w", p.FileName, ErrOutsideRoot)
	}
	for n := 1; n <= maxVariants; n++ {
		name := variantWithin(p.FileName, n, s.maxName)
		if s.taken[foldName(name)] {
			continue
		}
		rel := filepath.Join(s.dir, name)
		fi, err := s.root.Lstat(rel)
		reused := err == nil
		var pending string
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if pending, err = fresh(rel); err != nil {
				return Saved{}, err
			}
		case err != nil:
			return Saved{}, fmt.Errorf("look at %s: %w", name, err)
		case !fi.Mode().IsRegular() || fi.Size() != p.Size || !s.sameContent(rel, p.SHA256):
			continue // another file has this name; try the next variant
		}
		s.taken[foldName(name)] = true
		return Saved{Part: p, Path: path.Join(filepath.ToSlash(s.dir), name), Reused: reused, pending: pending}, nil
	}
	return Saved{}, fmt.Errorf("no free name for %q after %d tries", p.FileName, maxVariants)
}

// sameContent reports whether the file at rel has the given SHA-256.
func (s *saver) sameContent(rel, want string) bool {
	f, err := s.root.Open(rel)
	if err != nil {
		return false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == want
}

// tempFile is what write needs of an *os.File; tests put a full disk here.
type tempFile interface {
	io.Writer
	Sync() error
	Close() error
}

// createTemp creates a new file that did not exist before.
var createTemp = func(r *os.Root, name string) (tempFile, error) {
	return r.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
}

// write streams body to a temporary file beside rel and renames it into
// place once it is complete and on disk; a deferred saver leaves both to
// FinishSaved and returns the temporary name. The content must match
// what Parse saw; otherwise raw was changed in between.
func (s *saver) write(rel string, p Part, body io.Reader) (pending string, err error) {
	tmp := filepath.Join(s.dir, ".postbridge-"+randomHex()+".tmp")
	f, err := createTemp(s.root, tmp)
	if err != nil {
		return "", fmt.Errorf("create file in %s: %w", filepath.ToSlash(s.dir), err)
	}
	defer func() {
		if err != nil {
			f.Close()
			s.root.Remove(tmp)
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), body)
	if err != nil {
		return "", fmt.Errorf("write %s: %w", filepath.Base(rel), err)
	}
	if sum := hex.EncodeToString(h.Sum(nil)); n != p.Size || sum != p.SHA256 {
		return "", fmt.Errorf("write %s: content differs from the parsed message", filepath.Base(rel))
	}
	if !s.deferred {
		if err = f.Sync(); err != nil {
			return "", fmt.Errorf("sync %s: %w", filepath.Base(rel), err)
		}
	}
	if err = f.Close(); err != nil {
		return "", fmt.Errorf("close %s: %w", filepath.Base(rel), err)
	}
	if s.deferred {
		return filepath.ToSlash(tmp), nil
	}
	if err = s.root.Rename(tmp, rel); err != nil {
		return "", fmt.Errorf("rename to %s: %w", filepath.Base(rel), err)
	}
	return "", nil
}

func randomHex() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
