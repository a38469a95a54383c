//go:build fault

package imapsync

import (
	"bytes"
	"context"
	"net"
	"strings"
	"sync"
	"testing"

	"postbridge/storage"
)

// recordingProxy forwards to target and keeps what the client sent and
// how many bytes the server answered, so a test can see the commands.
type recordingProxy struct {
	ln         net.Listener
	mu         sync.Mutex
	sent       bytes.Buffer
	serverSent int64
}

func newRecordingProxy(t *testing.T, target string) *recordingProxy {
	p := &recordingProxy{}
	p.ln = listenProxy(t, func(c net.Conn) { p.serve(c, target) })
	return p
}

func (p *recordingProxy) serve(c net.Conn, target string) {
	defer c.Close()
	up, err := net.Dial("tcp", target)
	if err != nil {
		return
	}
	defer up.Close()
	// Each chunk is counted before it is passed on, so a chunk the client
	// has seen is counted: reset after a Run leaves none of that Run.
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := up.Read(buf)
			if n > 0 {
				p.mu.Lock()
				p.serverSent += int64(n)
				p.mu.Unlock()
				c.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	buf := make([]byte, 32<<10)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			p.mu.Lock()
			p.sent.Write(buf[:n])
			p.mu.Unlock()
			up.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

// proxiedJob is faultJob for f's user and database, connecting through
// a recordingProxy.
func proxiedJob(t *testing.T, f *fixture, batch int) (Job, *recordingProxy) {
	t.Helper()
	proxy := newRecordingProxy(t, f.s.IMAP)
	cj := childJob{Addr: proxy.ln.Addr().String(), User: f.user.Name, Password: f.user.Password, Batch: batch}
	return faultJob(cj, f.store), proxy
}

func (p *recordingProxy) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sent.Reset()
	p.serverSent = 0
}

func (p *recordingProxy) commands() (string, int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sent.String(), p.serverSent
}

// A second sync of an unchanged 10,000-message folder fetches nothing: a
// mirror fetches only what it does not hold yet, measured on the wire.
func TestMirrorUnchangedLargeFolderFetchesNothing(t *testing.T) {
	const messages = 10000
	f := newFixture(t)
	fill(t, f.s, f.user, messages)
	job, proxy := proxiedJob(t, f, DefaultBatchSize)
	job.Mode, job.Folders = storage.ModeMirror, []SyncFolder{{Name: "Postbridge/In", Direction: storage.DirectionIn}}
	counts, err := Run(context.Background(), job, nil)
	if err != nil || counts.Imported != messages {
		t.Fatalf("first mirror: %+v, %v", counts, err)
	}
	proxy.reset()
	counts, err = Run(context.Background(), job, nil)
	if err != nil || counts != (Counts{}) {
		t.Fatalf("second mirror: %+v, %v; want nothing to do", counts, err)
	}
	sent, answered := proxy.commands()
	if bytes.Contains(bytes.ToUpper([]byte(sent)), []byte("FETCH")) || bytes.Contains(bytes.ToUpper([]byte(sent)), []byte("SEARCH")) {
		t.Errorf("the unchanged folder was searched or fetched:\n%s", sent)
	}
	if answered > 8<<10 {
		t.Errorf("the server sent %d bytes for an unchanged folder, want a few hundred", answered)
	}
	t.Logf("unchanged %d-message folder: client sent %d bytes, server %d bytes:\n%s", messages, len(sent), answered, withoutLogin(sent))
}

// withoutLogin drops the LOGIN line, which carries the password.
func withoutLogin(transcript string) string {
	var out []string
	for _, line := range strings.Split(transcript, "\n") {
		if !strings.Contains(strings.ToUpper(line), " LOGIN ") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
