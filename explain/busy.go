package explain

import (
	"errors"
	"strconv"
	"time"

	"postbridge/app"
)

const accountBusyText = "{{.User}}'s account is being synchronized by {{.Host}} (pid {{.PID}}) since {{.Since}}"

// accountBusy words a sync that found its account held by another
// process: who, where and since when. It is the whole sentence — nothing
// failed, so no error text follows. ok is false for any other error.
func accountBusy(err error) (text string, ok bool) {
	var busy *app.AccountBusyError
	if !errors.As(err, &busy) {
		return "", false
	}
	return AccountBusy(busy, time.Now()), true
}

// AccountBusy is the sentence for busy: the time alone when the holder
// started today, with the date before that.
func AccountBusy(busy *app.AccountBusyError, now time.Time) string {
	since := busy.Since.Local()
	layout := "15:04"
	if y, m, d := since.Date(); y != now.Year() || m != now.Month() || d != now.Day() {
		layout = "2006-01-02 15:04"
	}
	return tr("account_busy", accountBusyText, map[string]string{"User": busy.User,
		"Host": busy.Host, "PID": strconv.Itoa(busy.PID), "Since": since.Format(layout)})
}
