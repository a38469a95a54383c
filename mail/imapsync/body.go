package imapsync

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/emersion/go-imap/v2"

	"postbridge/mail/mailerr"
)

// readBody reads one BODY[] literal. A literal up to limit bytes is read
// into a buffer of exactly its announced size: one allocation, none of
// io.ReadAll's growing copies. A larger one is streamed to a temporary
// file and mapped read-only (spool.go), so a 20 MB drawing is never held
// whole on the Go heap; go-imap's fetch.go asks the same of its callers.
// The returned spool, when not nil, must be released once the message is
// stored.
func readBody(lit imap.LiteralReader, limit int64, dir string) ([]byte, *spool, error) {
	size := lit.Size()
	if size <= limit {
		buf := make([]byte, size)
		if _, err := io.ReadFull(lit, buf); err != nil {
			return nil, nil, fmt.Errorf("read message body: %w", mailerr.Network("", err))
		}
		return buf, nil, nil
	}
	f, err := os.CreateTemp(dir, "postbridge-spool-*.eml")
	if err != nil {
		return nil, nil, fmt.Errorf("spool a message of %d bytes: %w", size, err)
	}
	sp := &spool{f: f}
	n, err := io.Copy(f, lit)
	if err == nil && n != size {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		sp.release()
		return nil, nil, fmt.Errorf("read message body: %w", mailerr.Network("", err))
	}
	if sp.data, err = mapFile(f, size); err != nil {
		sp.release()
		return nil, nil, fmt.Errorf("map the spooled message: %w", err)
	}
	return sp.data, sp, nil
}

// spool is a message body kept in a temporary file while its batch is
// converted and stored.
type spool struct {
	f    *os.File
	data []byte
}

func (sp *spool) release() error {
	var errs []error
	if sp.data != nil {
		errs = append(errs, unmapFile(sp.data))
		sp.data = nil
	}
	errs = append(errs, sp.f.Close(), os.Remove(sp.f.Name()))
	return errors.Join(errs...)
}

// releaseSpools ends the spools of a batch, after its commit (or failure).
func releaseSpools(list []*spool) {
	for _, sp := range list {
		// A temporary file left behind is harmless; nothing to tell the user.
		_ = sp.release()
	}
}
