package app

import (
	"context"
	"errors"
	"fmt"

	"postbridge/mail/imapsync"
)

// PreviewResult is what a sync would do for one account.
type PreviewResult struct {
	User      string
	AccountID uint
	Account   string
	Folders   []imapsync.FolderPreview
	Err       error
}

// Preview is the Preview button and `postbridge sync --dry-run`: per
// account the filter picks, per folder, what Synchronize would import,
// move, archive or delete — with nothing changed on the server or in the
// database.
func (a *Actions) Preview(ctx context.Context, f SyncFilter) ([]PreviewResult, error) {
	jobs, err := a.syncJobs(f)
	if err != nil {
		return nil, err
	}
	if len(jobs) == 0 {
		return nil, ErrNothingToSync
	}
	var out []PreviewResult
	var errs []error
	for _, j := range jobs {
		r := PreviewResult{User: j.result.User, AccountID: j.result.AccountID, Account: j.result.Account, Err: j.err}
		if r.Err == nil {
			r.Folders, r.Err = imapsync.Preview(ctx, j.job)
		}
		if r.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", r.Account, r.Err))
		}
		out = append(out, r)
		if ctx.Err() != nil {
			break
		}
	}
	return out, errors.Join(errs...)
}
