package storage

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"postbridge/internal/fsync"
)

// Raw messages of an SQLite database live in pack files beside it, one
// per imported batch, the way Dovecot's mdbox keeps many mails in one
// file: SQLite then writes only the parsed columns, and a batch costs one
// fsync for its raw bytes instead of SQLite's page-by-page blob writes
// (BENCHMARKS.md). A row names its pack and the offset; the
// length is RawSize. A shared PostgreSQL database keeps the raw message in
// its row, where every workstation can read it.
//
// The order that keeps mail safe (DESIGN.md section 4): the pack is
// written and fsynced, with its directory entry, before the transaction
// that refers to it commits, and the server moves the batch only after
// that commit. A crash in between leaves a pack no row refers to: space,
// never a lost or half message.

// rawDirFor is the pack directory of the SQLite database at path.
func rawDirFor(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + "-raw"
}

// packFileName is unique without a lookup: the time and 48 random bits.
func packFileName() string {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:]) // crypto/rand.Read never fails (Go 1.24+)
	return fmt.Sprintf("%d-%s.pack", time.Now().UTC().UnixNano(), hex.EncodeToString(rnd[:]))
}

// PackRaw writes the raw messages of batch to one new pack file before
// the transaction that will refer to them (ImportBatch): the importer
// calls it for a batch while the batch before it commits, so the pack's
// writes and fsync overlap that commit instead of holding SQLite's write
// lock (BENCHMARKS.md). Each message then names its bytes instead of
// carrying them. A message that ImportBatch finds to be a duplicate leaves
// its bytes in the pack unreferenced: space, as after a crash. Without a
// pack directory (PostgreSQL) it does nothing.
func (s *Store) PackRaw(batch []NewMessage) (*Pack, error) {
	rows := make([]*Message, 0, len(batch))
	for i := range batch {
		rows = append(rows, &batch[i].Message)
	}
	path, err := s.writePack(rows)
	if path == "" || err != nil {
		return nil, err
	}
	return &Pack{path: path}, nil
}

// Pack is a pack file written ahead of its commit.
type Pack struct{ path string }

// Discard removes a pack whose batch will not be committed. A nil Pack
// is fine.
func (p *Pack) Discard() {
	if p != nil {
		os.Remove(p.path)
	}
}

// writePack stores the raw messages of rows in one new pack file and
// points each row at its bytes instead of carrying them. It returns once
// the file and its name are on disk. Rows without a raw message keep
// none. On error nothing refers to the pack, and it is removed.
func (s *Store) writePack(rows []*Message) (string, error) {
	if s.rawDir == "" || !slices.ContainsFunc(rows, func(m *Message) bool { return m.Raw != nil }) {
		return "", nil
	}
	if err := os.MkdirAll(s.rawDir, 0o700); err != nil {
		return "", fmt.Errorf("create the raw message folder: %w", err)
	}
	name := packFileName()
	full := filepath.Join(s.rawDir, name)
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", fmt.Errorf("create a raw message pack: %w", err)
	}
	err = fillPack(f, name, rows)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = fsync.Dir(s.rawDir)
	}
	if err != nil {
		os.Remove(full)
		return "", fmt.Errorf("write a raw message pack: %w", err)
	}
	return full, nil
}

// fillPack writes the messages end to end, each followed by its text
// body, and fsyncs once. The HTML body is not kept: it is in the raw
// message, and nothing shows it yet.
func fillPack(f *os.File, name string, rows []*Message) error {
	w := bufio.NewWriterSize(f, 1<<20)
	var off int64
	for _, m := range rows {
		if m.Raw == nil {
			continue
		}
		if _, err := w.Write(m.Raw); err != nil {
			return err
		}
		m.RawPack, m.RawOffset, m.RawSize = name, off, int64(len(m.Raw))
		off += int64(len(m.Raw))
		if _, err := w.WriteString(m.TextBody); err != nil {
			return err
		}
		m.TextOffset, m.TextSize = off, int64(len(m.TextBody))
		off += int64(len(m.TextBody))
		if m.SearchWords == "" {
			m.SearchWords = distinctWords(m.TextBody) // for indexInStep
		}
		m.Raw, m.TextBody, m.HTMLBody = nil, "", ""
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Sync()
}

// RawMessage returns the message as it came from the server, from its
// pack file or, for PostgreSQL and rows imported before schema 2, from
// its row.
func (s *Store) RawMessage(id uint) ([]byte, error) {
	var m Message
	if err := s.db.Select("id, raw, raw_pack, raw_offset, raw_size").First(&m, id).Error; err != nil {
		return nil, notFound(err, fmt.Sprintf("message %d", id))
	}
	if m.RawPack == "" {
		return m.Raw, nil
	}
	buf, err := s.readPack(m.RawPack, m.RawOffset, m.RawSize)
	if err != nil {
		return nil, fmt.Errorf("message %d: %w", id, err)
	}
	return buf, nil
}

// readPack reads size bytes at off of a pack.
func (s *Store) readPack(pack string, off, size int64) ([]byte, error) {
	if s.rawDir == "" || pack != filepath.Base(pack) {
		return nil, fmt.Errorf("raw pack %q: %w", pack, ErrNotFound)
	}
	f, err := os.Open(filepath.Join(s.rawDir, pack))
	if err != nil {
		return nil, fmt.Errorf("open raw pack: %w", err)
	}
	defer f.Close()
	buf := make([]byte, size)
	if _, err := f.ReadAt(buf, off); err != nil && !(errors.Is(err, io.EOF) && size == 0) {
		return nil, fmt.Errorf("read raw pack: %w", err)
	}
	return buf, nil
}

// textInPack reports whether m's text body lies in its pack.
func textInPack(m *Message) bool { return m.RawPack != "" && m.TextSize > 0 }

// loadTexts fills the text bodies that lie in packs.
func (s *Store) loadTexts(list []Message) error {
	for i := range list {
		m := &list[i]
		if !textInPack(m) {
			continue
		}
		text, err := s.readPack(m.RawPack, m.TextOffset, m.TextSize)
		if err != nil {
			return fmt.Errorf("message %d: text body: %w", m.ID, err)
		}
		m.TextBody = string(text)
	}
	return nil
}
