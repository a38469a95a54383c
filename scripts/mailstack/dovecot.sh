# A private Dovecot: IMAP with STARTTLS and implicit TLS, passwd-file users,
# Maildir with "/" as separator, special-use folders, and unix sockets for
# Postfix (LMTP delivery, SASL auth). When Hydra runs (hydra.sh, started
# first), every login also accepts OAuth2 access tokens over XOAUTH2 and
# OAUTHBEARER, checked by asking Hydra (token introspection). Sourced.

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
  # Hydra wrote its admin URL if it started; without it Dovecot runs with
  # passwords only and the OAuth2 tests skip (or fail under CI).
  local oauth_admin=""
  if [ -s "$dir/hydra/admin-url" ]; then
    oauth_admin=$(cat "$dir/hydra/admin-url")
    write_dovecot_oauth2_conf "$oauth_admin" > "$d/oauth2.conf.ext"
    chmod 644 "$d/oauth2.conf.ext"
  fi
  write_dovecot_conf "$dir" "$imap" "$imaps" "$oauth_admin" > "$d/dovecot.conf"
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
  local dir=$1 imap=$2 imaps=$3 oauth_admin=$4 d="$1/dovecot"
  local mechanisms="plain login"
  [ -z "$oauth_admin" ] || mechanisms="plain login xoauth2 oauthbearer"
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
auth_mechanisms = $mechanisms
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
$(write_dovecot_oauth2_passdb "$oauth_admin" "$d")
# The password passdbs take passwords only: an XOAUTH2 "token" that is
# really a password must not log in.
passdb {
  driver = static
  mechanisms = plain login
  username_filter = t*
  args = password=$TEST_SHARED_PASSWORD
}
passdb {
  driver = passwd-file
  mechanisms = plain login
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

# The oauth2 passdb: XOAUTH2 and OAUTHBEARER only (a password never reaches
# it, a token never reaches the password passdbs). Empty without Hydra.
write_dovecot_oauth2_passdb() {
  local oauth_admin=$1 d=$2
  [ -n "$oauth_admin" ] || return 0
  cat <<CONF
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $d/oauth2.conf.ext
}
CONF
}

# How Dovecot checks a token: it posts it to Hydra's admin introspection
# endpoint on every login (no cache: a token revoked at Hydra is refused
# at once) and takes the user from the token's "sub".
#
# username_format: the token's subject is reduced to its local part before
# it is compared with the login name, which auth_username_format = %n has
# already reduced the same way. So a token for subject "tabc@acme.test"
# (or "tabc") logs in as mailbox tabc, given as "tabc@acme.test" or "tabc"
# in the SASL exchange, and not as any other mailbox.
write_dovecot_oauth2_conf() {
  local oauth_admin=$1
  cat <<CONF
introspection_mode = post
introspection_url = $oauth_admin/admin/oauth2/introspect
force_introspection = yes
username_attribute = sub
username_format = %Ln
active_attribute = active
active_value = true
CONF
}

stop_dovecot() {
  stop_pid "$1/dovecot/run/master.pid"
}
