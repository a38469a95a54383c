# A private Dovecot: IMAP with STARTTLS and implicit TLS, passwd-file users,
# Maildir with "/" as separator, special-use folders, and unix sockets for
# Postfix (LMTP delivery, SASL auth). Sourced.

start_dovecot() {
  local dir=$1 d="$1/dovecot"
  as_root || { echo "dovecot: needs root (mail is owned by nobody)" > "$d.log"; mkdir -p "$d"; cp "$d.log" "$d/dovecot.log"; return 1; }
  mkdir -p "$d/run" "$d/state" "$dir/mail"
  chown nobody:nogroup "$dir/mail"
  local imap imaps
  TEST_SHARED_PASSWORD="shared-$RANDOM$RANDOM"
  imap=$(free_port); imaps=$(free_port)
  : > "$d/users"
  local u name domain pass
  for u in $TEST_USERS; do
    IFS=: read -r name domain pass <<< "$u"
    echo "$name:{PLAIN}$pass" >> "$d/users"
  done
  chmod 644 "$d/users"
  write_dovecot_conf "$dir" "$imap" "$imaps" > "$d/dovecot.conf"
  dovecot -c "$d/dovecot.conf" || return 1
  wait_port "$imap" && wait_port "$imaps" || return 1
  {
    echo "export POSTBRIDGE_TEST_IMAP='127.0.0.1:$imap'"
    echo "export POSTBRIDGE_TEST_IMAPS='127.0.0.1:$imaps'"
    echo "export POSTBRIDGE_TEST_DOVECOT_CONF='$d/dovecot.conf'"
    echo "export POSTBRIDGE_TEST_USERS='$TEST_USERS'"
    echo "export POSTBRIDGE_TEST_SHARED_PASSWORD='$TEST_SHARED_PASSWORD'"
  } >> "$dir/env"
}

# Dovecot wants an opening brace at the end of its line and the settings
# on the lines after it.
write_dovecot_conf() {
  local dir=$1 imap=$2 imaps=$3 d="$1/dovecot"
  cat <<CONF
base_dir = $d/run
state_dir = $d/state
instance_name = postbridge-$imap
log_path = $d/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = yes
ssl_cert = <$dir/pki/server.crt
ssl_key = <$dir/pki/server.key
ssl_min_protocol = TLSv1.2
# Plain IMAP on loopback lets tests try "security: none" and LOGINDISABLED.
disable_plaintext_auth = no
auth_mechanisms = plain login
# alice@acme.test and alice are the same user, so LMTP finds the mailbox.
auth_username_format = %n
first_valid_uid = 1
mail_location = maildir:$dir/mail/%n/Maildir:LAYOUT=fs
mail_max_userip_connections = 200
# Tests try wrong passwords on purpose; no need to slow them down.
auth_failure_delay = 0
# fcntl() locks let the kernel report a false deadlock (EDEADLK) when LMTP
# and IMAP create a new user's first folders at the same moment, and
# Dovecot 2.3 panics on it; flock() simply waits.
lock_method = flock
# Names starting with "t" (mailtest.NewUser) log in with the shared test
# password: a test takes a fresh mailbox without reconfiguring Dovecot.
# The fixed users never reach this passdb, so a wrong password stays wrong.
passdb {
  driver = static
  username_filter = t*
  args = password=$TEST_SHARED_PASSWORD
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN $d/users
}
userdb {
  driver = static
  # Every name is a user here (tests make new ones as they go).
  args = uid=nobody gid=nogroup home=$dir/mail/%n allow_all_users=yes
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps
    ssl = yes
  }
}
service lmtp {
  unix_listener $d/lmtp {
    mode = 0666
  }
}
service auth {
  unix_listener $d/auth-postfix {
    mode = 0666
  }
}
# After failed logins Dovecot slows every later login from the same IP
# (anvil's auth penalty); all tests come from 127.0.0.1, so switch it off.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
protocol lmtp {
  postmaster_address = postmaster@acme.test
}
CONF
}

stop_dovecot() {
  stop_pid "$1/dovecot/run/master.pid"
}
