package storage

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"
)

// other is a holder on another workstation.
var other = LeaseTerms{Host: "PC-0042", PID: 123}

func TestLeaseHeldNamesItsHolder(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		before := time.Now().Add(-2 * time.Second)
		l, err := s.AcquireLease(7, other)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Release()
		_, err = s.AcquireLease(7, LeaseTerms{})
		var held *LeaseHeldError
		if !errors.As(err, &held) || !errors.Is(err, ErrLeaseHeld) {
			t.Fatalf("second acquire: %v, want a *LeaseHeldError", err)
		}
		if held.Host != "PC-0042" || held.PID != 123 || held.AccountID != 7 ||
			held.Since.Before(before) || held.Since.After(time.Now().Add(2*time.Second)) {
			t.Errorf("held by %+v, want PC-0042, pid 123, account 7, since about now", held)
		}
		// Another account is free.
		l2, err := s.AcquireLease(8, LeaseTerms{})
		if err != nil {
			t.Fatalf("another account: %v", err)
		}
		l2.Release()
	})
}

func TestLeaseReleaseFreesTheAccount(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		l, err := s.AcquireLease(1, other)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Release(); err != nil {
			t.Fatal(err)
		}
		if err := l.Release(); err != nil {
			t.Errorf("second release: %v", err)
		}
		l2, err := s.AcquireLease(1, LeaseTerms{})
		if err != nil {
			t.Fatalf("after release: %v", err)
		}
		l2.Release()
	})
}

// A holder that stops renewing (it crashed on another computer) loses
// the account at expiry; its late release leaves the new holder's lease.
func TestLeaseExpires(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		stale, err := s.AcquireLease(1, LeaseTerms{Host: "PC-0042", PID: 123, TTL: 300 * time.Millisecond, Heartbeat: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AcquireLease(1, LeaseTerms{}); !errors.Is(err, ErrLeaseHeld) {
			t.Fatalf("before expiry: %v, want held", err)
		}
		time.Sleep(500 * time.Millisecond)
		fresh, err := s.AcquireLease(1, LeaseTerms{})
		if err != nil {
			t.Fatalf("after expiry: %v", err)
		}
		defer fresh.Release()
		if ok, err := stale.renew(); ok || err != nil {
			t.Errorf("the expired holder renewed: %v, %v; want false", ok, err)
		}
		stale.Release()
		if _, err := s.AcquireLease(1, other); !errors.Is(err, ErrLeaseHeld) {
			t.Errorf("after the stale holder's release: %v, want still held", err)
		}
	})
}

// The heartbeat keeps a lease past its TTL for as long as the run lasts.
func TestLeaseHeartbeatRenews(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		l, err := s.AcquireLease(1, LeaseTerms{Host: "PC-0042", PID: 123, TTL: 600 * time.Millisecond, Heartbeat: 100 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		defer l.Release()
		time.Sleep(1500 * time.Millisecond)
		if _, err := s.AcquireLease(1, LeaseTerms{}); !errors.Is(err, ErrLeaseHeld) {
			t.Errorf("after 2.5 TTLs of heartbeats: %v, want held", err)
		}
		select {
		case <-l.Lost():
			t.Error("the lease counts as lost while its heartbeat renewed it")
		default:
		}
	})
}

// A heartbeat that finds the row taken by someone else says so on Lost.
func TestLeaseLost(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		l, err := s.AcquireLease(1, LeaseTerms{Heartbeat: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		defer l.Release()
		if err := s.db.Model(&AccountLease{}).Where("account_id = ?", 1).Update("holder", "someone else").Error; err != nil {
			t.Fatal(err)
		}
		select {
		case <-l.Lost():
		case <-time.After(5 * time.Second):
			t.Fatal("Lost not closed 5 s after the lease was taken away")
		}
	})
}

// A holder on this computer whose process has ended frees the account at
// once; one whose process runs keeps it.
func TestLeaseOfDeadProcessOnThisHost(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	eachDB(t, func(t *testing.T, s *Store) {
		tests := []struct {
			name     string
			pid      int
			wantHeld bool
		}{
			{"ended", dead, false},
			{"running", os.Getppid(), true},
		}
		for i, tt := range tests {
			account := uint(10 + i)
			if _, err := s.AcquireLease(account, LeaseTerms{PID: tt.pid, Heartbeat: time.Hour}); err != nil {
				t.Fatal(err)
			}
			l, err := s.AcquireLease(account, LeaseTerms{})
			if got := errors.Is(err, ErrLeaseHeld); got != tt.wantHeld {
				t.Errorf("%s holder (pid %d): acquire = %v, want held %v", tt.name, tt.pid, err, tt.wantHeld)
			}
			if l != nil {
				l.Release()
			}
		}
	})
}

// Of many runs that try at once, each with its own connection to the
// database, exactly one gets the lease.
func TestLeaseOneOfManyAtOnce(t *testing.T) {
	eachDSN(t, func(t *testing.T, dsn string) {
		const runs = 6
		var stores []*Store
		for len(stores) < runs {
			s, err := Open(dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			stores = append(stores, s)
		}
		var wg sync.WaitGroup
		got := make([]error, runs)
		for i, st := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, got[i] = st.AcquireLease(1, LeaseTerms{Host: fmt.Sprintf("PC-%d", i), PID: 1000 + i, Heartbeat: time.Hour})
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range got {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, ErrLeaseHeld):
				t.Errorf("acquire: %v, want the lease or ErrLeaseHeld", err)
			}
		}
		if won != 1 {
			t.Errorf("%d of %d runs got the lease, want 1", won, runs)
		}
	})
}
