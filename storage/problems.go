package storage

import "fmt"

// A refused field's problem is shown in the window's language: each
// English format that the validator uses has a stable key, and a
// FieldError carries the key and its arguments beside the English text,
// so the window can translate it (ui/field_problem.go) while the command
// line and the settings import keep the English sentence.
var problemKeys = map[string]string{
	"is required":                      "required",
	"is required when authorize is on": "required_for_authorize",
	"is required (none, starttls, starttls-optional or tls)":  "security_required",
	"needs the user's own smtp server":                        "needs_own_smtp",
	"a user cannot be their own delegate":                     "own_delegate",
	"cannot be set together with an archive folder":           "archive_and_delete",
	"the archive folder may not be named \"Archiv\"":          "archive_named_archiv",
	"duplicate user %q":                                       "duplicate_user",
	"duplicate role %q":                                       "duplicate_role",
	"duplicate relation %q":                                   "duplicate_relation",
	"duplicate project number %q":                             "duplicate_project",
	"duplicate identification %q":                             "duplicate_identification",
	"duplicate folder %q":                                     "duplicate_folder",
	"duplicate domain %q":                                     "duplicate_domain",
	"unknown user %q":                                         "unknown_user",
	"unknown role %q":                                         "unknown_role",
	"unknown mail server %q":                                  "unknown_mail_server",
	"%q is not one of transfer, mirror":                       "not_mode",
	"%q is not one of relay, mailbox":                         "not_own_mode",
	"%q is not one of password, ip":                           "not_own_auth",
	"%q is not one of none, starttls, starttls-optional, tls": "not_security",
	"%q is not one of none, central, per_employee":            "not_mail_auth",
	"%q is not an e-mail address":                             "not_email",
	"%q is not a time (RFC 3339)":                             "not_time",
	"%q is not a host name":                                   "not_host",
	"%q is not a full folder path":                            "not_full_path",
	"%q is not a domain name":                                 "not_domain",
	"%d is not a port (1-65535)":                              "not_port",
	"%q is not one of password, oauth2":                       "not_auth_method",
	"%q is not one of microsoft, google, custom":              "not_provider",
	"%q is not an https URL":                                  "not_https_url",
	"%q is not one of imap, own":                              "not_smtp_login",
	"is only used with login \"own\"":                         "only_own_login",

	// Ranges, paths and names refused since issue 21 (settings_limits.go).
	"%d is not a number of days (%d-%d)":                          "days_range",
	"%d is not a number of seconds (%d-%d, or 0 for the default)": "seconds_range",
	"%d is not a number of minutes (%d-%d, or 0 for the default)": "minutes_range",
	"%q contains a NUL character":                                 "nul_in_path",
	"%q differs from user %q only in upper and lower case":        "user_case",
	"%s is not text in quotes (line %d)":                          "not_text",
	"%s is not true or false (line %d)":                           "not_bool",
	"%s is not a whole number (line %d)":                          "not_whole_number",
	"%s is not a list, [...] (line %d)":                           "not_list",
	"%s is not an object, {...} (line %d)":                        "not_object",
	"unknown field (line %d)":                                     "unknown_field",
	"unknown field (line %d); did you mean %q?":                   "unknown_field_near",
	"is given twice in one object (again on line %d)":             "given_twice",

	// Webhooks (settings_webhooks.go).
	"duplicate webhook %q": "duplicate_webhook",
	"%q is not a name of 1 to 64 letters, digits, '-', '_' or '.'":                   "not_webhook_name",
	"%q is not an absolute http or https URL":                                        "not_http_url",
	"%q is not one of message.new, message.sent, account.failing, account.recovered": "not_event",
}

// ProblemKeys lists every problem key with its English format, for the
// translations' completeness test.
func ProblemKeys() map[string]string {
	out := map[string]string{}
	for format, key := range problemKeys {
		out[key] = format
	}
	return out
}

// newFieldError builds the FieldError of a failed check; the key is
// empty for a problem passed through from elsewhere ("%v").
func newFieldError(path, format string, args ...any) FieldError {
	fe := FieldError{Path: path, Problem: fmt.Sprintf(format, args...), Key: problemKeys[format]}
	for _, a := range args {
		fe.Args = append(fe.Args, fmt.Sprint(a))
	}
	return fe
}
