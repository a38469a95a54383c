# A private Postfix: submission with STARTTLS, implicit TLS (RFC 8314) and
# a plain port without STARTTLS, SASL through Dovecot, delivering acme.test
# and klant.test into Dovecot over LMTP. Nothing leaves the machine. Two
# more submission listeners: one whose sender login map grants send-as
# rights, one that DKIM-signs through OpenDKIM (opendkim.sh). Sourced.

start_postfix() {
  local dir=$1 d="$1/postfix"
  mkdir -p "$d/conf" "$d/queue" "$d/data"
  as_root || { echo "postfix: needs root" > "$d/postfix.log"; return 1; }
  [ -S "$dir/dovecot/lmtp" ] || { echo "postfix: needs dovecot" > "$d/postfix.log"; return 1; }
  chown postfix "$d/data"
  local sub smtps plain sendas dkim milter=""
  sub=$(free_port); smtps=$(free_port); plain=$(free_port); sendas=$(free_port); dkim=$(free_port)
  # OpenDKIM (opendkim.sh) signs what the DKIM listener takes; without it
  # that listener refuses mail for now (milter_default_action=tempfail).
  [ -s "$dir/opendkim/port" ] && milter="inet:127.0.0.1:$(cat "$dir/opendkim/port")"
  # Every address in the test domains is accepted here and handed to
  # Dovecot, which knows the users: tests add users while the stack runs.
  printf '/@(acme|klant)\\.test$/ ok\n' > "$d/conf/vmailbox.re"
  # The owner of name@acme.test is the login "name" (Dovecot strips the domain).
  printf '/^([^@]+)@(acme|klant)\\.test$/ $1\n' > "$d/conf/senders.re"
  # The send-as listener (manual 003's mailbox mode): the service login
  # "tsendas" may also send as every acme.test address, not as klant.test.
  printf '/^([^@]+)@acme\\.test$/ $1, tsendas\n/^([^@]+)@klant\\.test$/ $1\n' > "$d/conf/sendas.re"
  write_postfix_main "$dir" > "$d/conf/main.cf"
  write_postfix_master "$sub" "$smtps" "$plain" "$sendas" "$d" "$dkim" "${milter:-inet:127.0.0.1:1}" > "$d/conf/master.cf"
  touch "$d/postfix.log"
  postfix -c "$d/conf" start >> "$d/postfix.log" 2>&1 || return 1
  wait_port "$sub" && wait_port "$smtps" && wait_port "$plain" && wait_port "$sendas" && wait_port "$dkim" || return 1
  {
    echo "export POSTBRIDGE_TEST_SUBMISSION='127.0.0.1:$sub'"
    echo "export POSTBRIDGE_TEST_SMTPS='127.0.0.1:$smtps'"
    echo "export POSTBRIDGE_TEST_SMTP_PLAIN='127.0.0.1:$plain'"
    echo "export POSTBRIDGE_TEST_SUBMISSION_SENDAS='127.0.0.1:$sendas'"
    echo "export POSTBRIDGE_TEST_SUBMISSION_DKIM='127.0.0.1:$dkim'"
  } >> "$dir/env"
}

write_postfix_main() {
  local dir=$1 d="$1/postfix"
  cat <<CONF
compatibility_level = 3.6
queue_directory = $d/queue
data_directory = $d/data
mail_owner = postfix
myhostname = mail.acme.test
mydomain = acme.test
myorigin = acme.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.1/32
maillog_file = $d/postfix.log
maillog_file_prefixes = $d
alias_maps =
alias_database =
local_transport = error:no local delivery in the test stack
default_transport = error:no mail leaves the test machine
relay_transport = error:no mail leaves the test machine
virtual_mailbox_domains = acme.test klant.test
virtual_mailbox_maps = regexp:$d/conf/vmailbox.re
virtual_transport = lmtp:unix:$dir/dovecot/lmtp
smtpd_tls_cert_file = $dir/pki/server.crt
smtpd_tls_key_file = $dir/pki/server.key
smtpd_tls_security_level = may
smtpd_sasl_type = dovecot
smtpd_sasl_path = $dir/dovecot/auth-postfix
smtpd_sasl_auth_enable = yes
# Only authenticated clients may relay; unauthenticated mail to a domain
# not delivered here is refused ("Relay access denied"), even from loopback.
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtputf8_enable = yes
# An authenticated user may send only from their own address, as most
# providers enforce: this gives tests a real "sender address rejected".
smtpd_sender_login_maps = regexp:$d/conf/senders.re
smtpd_sender_restrictions = reject_sender_login_mismatch
# Refuse at MAIL FROM, not only at RCPT TO, so the error names its step.
smtpd_delay_reject = no
CONF
}

write_postfix_master() {
  local sub=$1 smtps=$2 plain=$3 sendas=$4 d=$5 dkim=$6 milter=$7
  cat <<CONF
127.0.0.1:$sub   inet n - n - - smtpd -o smtpd_tls_security_level=encrypt -o smtpd_tls_auth_only=yes
127.0.0.1:$smtps inet n - n - - smtpd -o smtpd_tls_wrappermode=yes
127.0.0.1:$plain inet n - n - - smtpd -o smtpd_tls_security_level=none
127.0.0.1:$sendas inet n - n - - smtpd -o smtpd_tls_security_level=encrypt -o smtpd_tls_auth_only=yes -o smtpd_sender_login_maps=regexp:$d/conf/sendas.re
127.0.0.1:$dkim inet n - n - - smtpd -o smtpd_tls_security_level=encrypt -o smtpd_tls_auth_only=yes -o smtpd_milters=$milter -o milter_default_action=tempfail
pickup     unix n - n 60   1 pickup
cleanup    unix n - n -    0 cleanup
qmgr       unix n - n 300  1 qmgr
tlsmgr     unix - - n 1000? 1 tlsmgr
rewrite    unix - - n -    - trivial-rewrite
bounce     unix - - n -    0 bounce
defer      unix - - n -    0 bounce
trace      unix - - n -    0 bounce
verify     unix - - n -    1 verify
flush      unix n - n 1000? 0 flush
proxymap   unix - - n -    - proxymap
proxywrite unix - - n -    1 proxymap
smtp       unix - - n -    - smtp
relay      unix - - n -    - smtp
showq      unix n - n -    - showq
error      unix - - n -    - error
retry      unix - - n -    - error
discard    unix - - n -    - discard
lmtp       unix - - n -    - lmtp
anvil      unix - - n -    1 anvil
scache     unix - - n -    1 scache
postlog    unix-dgram n - n - 1 postlogd
CONF
}

stop_postfix() {
  stop_pid "$1/postfix/queue/pid/master.pid"
}
