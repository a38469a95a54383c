package imapsync

import (
	"fmt"

	"github.com/emersion/go-imap/v2"
)

// DefaultBatchBytes bounds what one batch holds in memory: the sum of the
// RFC822.SIZE of its messages. With it, memory follows bytes, not a count
// of messages: 30 scanned drawings of 20 MB are 30 batches of one, not one
// batch of 600 MB. Up to three batches are in memory at once
// (one fetched, one converted, one committing: pipeline.go), each with
// its raw and its parsed text; 4 MiB keeps a first import of 10,000
// messages under 90 MB peak RSS and is still about 100 ordinary messages
// per commit (BENCHMARKS.md).
const DefaultBatchBytes = 4 << 20

func (j *Job) batchBytes() int64 {
	if j.BatchBytes > 0 {
		return j.BatchBytes
	}
	return DefaultBatchBytes
}

// messageSizes asks for the RFC822.SIZE of uids (RFC 9051 §6.4.5) before
// any body is fetched, so that batches can be cut by bytes. It is one
// small FETCH for the whole folder: a few dozen bytes per message.
func (s *session) messageSizes(uids []imap.UID) (map[imap.UID]int64, error) {
	sizes := make(map[imap.UID]int64, len(uids))
	if len(uids) == 0 {
		return sizes, nil
	}
	cmd := s.conn.c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{UID: true, RFC822Size: true})
	defer cmd.Close()
	for m := cmd.Next(); m != nil; m = cmd.Next() {
		buf, err := m.Collect()
		if err != nil {
			return nil, fmt.Errorf("fetch sizes: %w", s.conn.classify(err))
		}
		sizes[buf.UID] = buf.RFC822Size
	}
	if err := cmd.Close(); err != nil {
		return nil, fmt.Errorf("fetch sizes: %w", s.conn.classify(err))
	}
	s.conn.announced = sizes
	return sizes, nil
}

// planBatches cuts uids, in order, into runs of at most maxCount messages
// whose sizes add up to at most maxBytes. A message larger than maxBytes
// gets a batch of its own (its body is then spooled to disk, see body.go).
// A UID the server gave no size for counts as 0: it is fetched all the
// same, and its literal's own size decides about spooling.
func planBatches(uids []imap.UID, sizes map[imap.UID]int64, maxCount int, maxBytes int64) [][]imap.UID {
	var out [][]imap.UID
	start, bytes := 0, int64(0)
	for i, u := range uids {
		sz := sizes[u]
		if i > start && (i-start >= maxCount || bytes+sz > maxBytes) {
			out = append(out, uids[start:i])
			start, bytes = i, 0
		}
		bytes += sz
	}
	if start < len(uids) {
		out = append(out, uids[start:])
	}
	return out
}

// batchesOf asks for the sizes of uids and plans the folder's batches,
// without the messages refused for their size (bounds.go).
func (s *session) batchesOf(uids []imap.UID) ([][]imap.UID, error) {
	sizes, err := s.messageSizes(uids)
	if err != nil {
		return nil, err
	}
	if uids, err = s.withoutRefused(uids, sizes); err != nil {
		return nil, err
	}
	return planBatches(uids, sizes, s.job.batchSize(), s.job.batchBytes()), nil
}
