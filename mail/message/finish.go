package message

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"

	"postbridge/internal/fsync"
)

// FinishSaved makes the files SaveAttachmentsPending wrote durable and
// puts them under their names, for a whole batch at once: the files are
// fsynced (several at once), then each is renamed, then the folders are
// fsynced. So a crash leaves either a complete file under its name or a
// temporary file no row refers to — never a partial file under a name.
// Saved values that were reused or already in place are skipped.
func FinishSaved(root string, saved []Saved) error {
	var todo []Saved
	for _, s := range saved {
		if s.pending != "" {
			todo = append(todo, s)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	base, err := filepath.EvalSymlinks(root)
	if err != nil {
		return fmt.Errorf("%q: %w: %w", root, ErrRootMissing, err)
	}
	r, err := os.OpenRoot(base)
	if err != nil {
		return fmt.Errorf("open attachment path: %w", err)
	}
	defer r.Close()
	if err := syncEach(r, pendingNames(todo)); err != nil {
		return fmt.Errorf("sync attachments: %w", err)
	}
	dirs := map[string]bool{}
	for _, s := range todo {
		if err := r.Rename(filepath.FromSlash(s.pending), filepath.FromSlash(s.Path)); err != nil {
			return fmt.Errorf("rename to %s: %w", path.Base(s.Path), err)
		}
		dirs[filepath.FromSlash(path.Dir(s.Path))] = true
	}
	if err := syncEachDir(r, dirs); err != nil {
		return fmt.Errorf("sync attachment folders: %w", err)
	}
	return nil
}

// DiscardSaved removes the temporary files of saved that FinishSaved has
// not put in place: a batch that will not be committed.
func DiscardSaved(root string, saved []Saved) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return
	}
	defer r.Close()
	for _, s := range saved {
		if s.pending != "" {
			// Left behind it is a stray temporary file, nothing more.
			_ = r.Remove(filepath.FromSlash(s.pending))
		}
	}
}

func pendingNames(list []Saved) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = filepath.FromSlash(s.pending)
	}
	return out
}

// syncEach fsyncs every file of names under r, several at once: a disk
// serves concurrent flushes together (the file system groups their
// writes), where one after the other each waits for its own.
func syncEach(r *os.Root, names []string) error {
	return inParallel(names, func(name string) error { return syncFile(r, name) })
}

// inParallel runs do for every name, at most parallelSyncs at once, and
// joins the errors.
func inParallel(names []string, do func(string) error) error {
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, parallelSyncs)
	for i, name := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = do(name)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// parallelSyncs bounds the fsyncs in flight.
const parallelSyncs = 8

func syncFile(r *os.Root, name string) error {
	f, err := r.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(name), err)
	}
	return nil
}

// syncEachDir fsyncs the folders, so that the new names in them are on
// disk (internal/fsync), several at once as syncEach does: one after the
// other, a batch's folders waited for 0.6 s of a genmail import in all
// (BENCHMARKS.md, seventh session). Every folder above them up to the
// attachment path is synced too: openSaver's MkdirAll may have made the
// message's folder, its month's and its year's, each a new name in the
// folder above it. A batch shares those few, so they cost little.
func syncEachDir(r *os.Root, dirs map[string]bool) error {
	return inParallel(withAncestors(dirs), func(dir string) error {
		d, err := r.Open(dir)
		if err != nil {
			return err
		}
		err = fsync.Opened(d)
		d.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", dir, err)
		}
		return nil
	})
}

// withAncestors is dirs (relative to a root, OS separators) with every
// folder above them up to the root ("."), each once, in order.
func withAncestors(dirs map[string]bool) []string {
	all := map[string]bool{}
	for dir := range dirs {
		for ; dir != "." && !all[dir]; dir = filepath.Dir(dir) {
			all[dir] = true
		}
		all["."] = true
	}
	return slices.Sorted(maps.Keys(all))
}
