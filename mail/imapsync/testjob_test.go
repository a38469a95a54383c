package imapsync

import (
	"net"
	"strconv"

	"postbridge/storage"
)

// childJob describes a transfer-mode job on the test stack, for the fault
// runs (which pass it to a child process as JSON) and the benchmarks.
type childJob struct {
	DB, Addr, User, Password, CA string
	Batch                        int
}

func faultJob(cj childJob, store *storage.Store) Job {
	host, port, _ := net.SplitHostPort(cj.Addr)
	p, _ := strconv.Atoi(port)
	return Job{AccountID: 1, AccountName: cj.User, Mode: storage.ModeTransfer,
		Server: Server{Host: host, Port: p, Security: storage.SecurityNone, Username: cj.User, Password: cj.Password},
		Inbox:  "Postbridge/In", Store: store, Convert: headerConverter, BatchSize: cj.Batch}
}
