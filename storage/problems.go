package storage

import (
	"fmt"
	"maps"
)

// A refused field's problem is shown in the window's language: the
// validator names each problem by a stable key with its arguments, and a
// FieldError carries the key and its arguments beside the English text
// made from the key's format here, so the window can translate it
// (ui/field_problem.go) while the command line and the settings import
// keep the English sentence. Nothing is ever looked up by its English.
var problemFormats = map[string]string{
	"required":                 "is required",
	"required_for_authorize":   "is required when authorize is on",
	"security_required":        "is required (none, starttls, starttls-optional or tls)",
	"needs_own_smtp":           "needs the user's own smtp server",
	"own_delegate":             "a user cannot be their own delegate",
	"archive_and_delete":       "cannot be set together with an archive folder",
	"archive_named_archiv":     "the archive folder may not be named \"Archiv\"",
	"duplicate_user":           "duplicate user %q",
	"duplicate_role":           "duplicate role %q",
	"duplicate_relation":       "duplicate relation %q",
	"duplicate_project":        "duplicate project number %q",
	"duplicate_identification": "duplicate identification %q",
	"duplicate_folder":         "duplicate folder %q",
	"duplicate_domain":         "duplicate domain %q",
	"unknown_user":             "unknown user %q",
	"unknown_role":             "unknown role %q",
	"unknown_mail_server":      "unknown mail server %q",
	"not_mode":                 "%q is not one of transfer, mirror",
	"not_own_mode":             "%q is not one of relay, mailbox",
	"not_own_auth":             "%q is not one of password, ip",
	"not_security":             "%q is not one of none, starttls, starttls-optional, tls",
	"not_mail_auth":            "%q is not one of none, central, per_employee",
	"not_email":                "%q is not an e-mail address",
	"not_time":                 "%q is not a time (RFC 3339)",
	"not_host":                 "%q is not a host name",
	"not_full_path":            "%q is not a full folder path",
	"not_domain":               "%q is not a domain name",
	"not_port":                 "%d is not a port (1-65535)",
	"not_auth_method":          "%q is not one of password, oauth2",
	"not_provider":             "%q is not one of microsoft, google, custom",
	"not_https_url":            "%q is not an https URL",
	"not_smtp_login":           "%q is not one of imap, own",
	"only_own_login":           "is only used with login \"own\"",

	// Ranges, paths and names a setting may not take (settings_limits.go).
	"days_range":         "%d is not a number of days (%d-%d)",
	"seconds_range":      "%d is not a number of seconds (%d-%d, or 0 for the default)",
	"minutes_range":      "%d is not a number of minutes (%d-%d, or 0 for the default)",
	"nul_in_path":        "%q contains a NUL character",
	"user_case":          "%q differs from user %q only in upper and lower case",
	"not_text":           "%s is not text in quotes (line %d)",
	"not_bool":           "%s is not true or false (line %d)",
	"not_whole_number":   "%s is not a whole number (line %d)",
	"not_list":           "%s is not a list, [...] (line %d)",
	"not_object":         "%s is not an object, {...} (line %d)",
	"unknown_field":      "unknown field (line %d)",
	"unknown_field_near": "unknown field (line %d); did you mean %q?",
	"given_twice":        "is given twice in one object (again on line %d)",

	// Webhooks (settings_webhooks.go).
	"duplicate_webhook": "duplicate webhook %q",
	"not_webhook_name":  "%q is not a name of 1 to 64 letters, digits, '-', '_' or '.'",
	"not_http_url":      "%q is not an absolute http or https URL",
	"not_event":         "%q is not one of message.new, message.sent, account.failing, account.recovered",
}

// ProblemKeys lists every problem key with its English format, for the
// translations' completeness test.
func ProblemKeys() map[string]string { return maps.Clone(problemFormats) }

// newFieldError builds the FieldError of a failed check named by key.
func newFieldError(path, key string, args ...any) FieldError {
	format, ok := problemFormats[key]
	if !ok {
		format = key // a key without a format: TestEveryProblemHasAKey finds it
	}
	fe := FieldError{Path: path, Problem: fmt.Sprintf(format, args...), Key: key}
	for _, a := range args {
		fe.Args = append(fe.Args, fmt.Sprint(a))
	}
	return fe
}
