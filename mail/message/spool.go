package message

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
)

// ParseAndSavePending is Parse followed by SaveAttachmentsPending(root,
// p.Dir(), p.Attachments), in one pass over the message: each attachment
// is decoded and hashed once, while it is written under a temporary
// name, instead of once by Parse and again by the save (BENCHMARKS.md: the
// attachments are most of a first import's bytes). The files are
// named as SaveAttachmentsPending names them — a name already holding
// the same content is reused and the new copy removed — and, as there,
// are on disk only once FinishSaved has returned. With root empty it is
// Parse and saves nothing. o is as for Parse.
//
// Parse never fails; an error here is one of writing (a full disk, an
// attachment path that is missing): the files of this message are then
// removed, and the Parsed is complete all the same.
func ParseAndSavePending(raw []byte, root string, o Options) (Parsed, []Saved, error) {
	if root == "" {
		return parse(raw, nil, o), nil, nil
	}
	sp := &spool{root: root}
	p := parse(raw, sp, o)
	saved, err := sp.finish(p.Attachments)
	return p, saved, err
}

// spool writes the attachments of one message while Parse reads them,
// each to a temporary file in the message's directory.
type spool struct {
	root string
	s    *saver   // opened at the first attachment
	tmps []string // per attachment, in order; "" when not written
	err  error    // the first failure; nothing more is written
}

// fail records err unless an earlier failure is recorded.
func (sp *spool) fail(err error) {
	if sp != nil && sp.err == nil {
		sp.err = err
	}
}

// write copies body to a new temporary file and to w, and returns the
// bytes read. After a failure the rest of body still goes to w, so that
// the Part has the size and hash Parse would give it.
func (sp *spool) write(p *Parsed, body io.Reader, w io.Writer) int64 {
	tmp := ""
	defer func() { sp.tmps = append(sp.tmps, tmp) }()
	if sp.err == nil && sp.s == nil {
		s, err := openSaver(sp.root, p.Dir())
		if err != nil {
			sp.fail(err)
		} else {
			s.deferred = true
			sp.s = s
		}
	}
	if sp.err != nil {
		n, _ := io.Copy(w, body)
		return n
	}
	name := filepath.Join(sp.s.dir, ".postbridge-"+randomHex()+".tmp")
	f, err := createTemp(sp.s.root, name)
	if err != nil {
		sp.fail(fmt.Errorf("create file in %s: %w", filepath.ToSlash(sp.s.dir), err))
		n, _ := io.Copy(w, body)
		return n
	}
	tmp = name
	fw := &failWriter{w: f}
	n, _ := io.Copy(io.MultiWriter(fw, w), body)
	if err := errors.Join(fw.err, f.Close()); err != nil {
		sp.fail(fmt.Errorf("write attachment: %w", err))
	}
	return n
}

// failWriter remembers its writer's first error and from then on takes
// the bytes without writing them, so that a MultiWriter goes on.
type failWriter struct {
	w   io.Writer
	err error
}

func (f *failWriter) Write(p []byte) (int, error) {
	if f.err == nil {
		if _, err := f.w.Write(p); err != nil {
			f.err = err
		}
	}
	return len(p), nil
}

// finish gives each written file its name, as SaveAttachmentsPending
// would have; after a failure it removes them instead.
func (sp *spool) finish(parts []Part) (saved []Saved, err error) {
	if sp.s == nil {
		return nil, sp.err
	}
	defer sp.s.root.Close()
	if sp.err == nil && len(sp.tmps) != len(parts) {
		sp.err = fmt.Errorf("save attachments: %w: %d files for %d parts", errInternal, len(sp.tmps), len(parts))
	}
	done := 0
	defer func() {
		if err != nil {
			for _, t := range sp.tmps[done:] {
				if t != "" {
					_ = sp.s.root.Remove(t)
				}
			}
			for _, s := range saved[:done] {
				if s.pending != "" {
					_ = sp.s.root.Remove(filepath.FromSlash(s.pending))
				}
			}
			saved = nil
		}
	}()
	if sp.err != nil {
		return nil, sp.err
	}
	saved = make([]Saved, len(parts))
	for i, part := range parts {
		tmp := sp.tmps[i]
		s, err := sp.s.place(part, func(string) (string, error) {
			pending := filepath.ToSlash(tmp)
			tmp = ""
			return pending, nil
		})
		if err != nil {
			return saved, err
		}
		if tmp != "" {
			// The name holds this content already (a re-import).
			_ = sp.s.root.Remove(tmp)
		}
		saved[i] = s
		done = i + 1
	}
	return saved, nil
}
