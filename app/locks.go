package app

import (
	"context"
	"sync"
)

// accountLocks is one process's lock per account: the window's
// Synchronize and its automatic sync take turns on an account, waiting
// (as long as their context lets them) rather than reporting each other
// as busy. Across processes the lease in the database decides
// (storage.AcquireLease). It belongs to one Actions, which the window and
// the command line each make once; an account's entry lives only while a
// sync holds or waits for it.
type accountLocks struct {
	mu   sync.Mutex
	held map[uint]*accountLock
}

// accountLock is a one-slot semaphore (a channel, so that a wait can end
// with its context) and how many hold or wait for it.
type accountLock struct {
	slot  chan struct{}
	users int
}

// lock waits until the account is free or ctx ends; then it returns
// ctx.Err() at once and leaves nothing behind.
func (l *accountLocks) lock(ctx context.Context, id uint) (unlock func(), err error) {
	l.mu.Lock()
	if l.held == nil {
		l.held = map[uint]*accountLock{}
	}
	e := l.held[id]
	if e == nil {
		e = &accountLock{slot: make(chan struct{}, 1)}
		l.held[id] = e
	}
	e.users++
	l.mu.Unlock()
	select {
	case e.slot <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-e.slot; l.leave(id, e) }) }, nil
	case <-ctx.Done():
		l.leave(id, e)
		return nil, ctx.Err()
	}
}

// leave forgets the account's entry when nobody holds or waits for it.
func (l *accountLocks) leave(id uint, e *accountLock) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e.users--; e.users == 0 {
		delete(l.held, id)
	}
}
