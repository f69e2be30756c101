# orrery-tail (sent by Orrery with each follow; nothing is installed on the server).
# Follows log files by inode and byte offset, so a reconnect resumes exactly where it left off,
# and rotation loses nothing:
# - a file renamed away (logrotate "create") is read to its end, and on while its writer still
#   appends to it (the app keeps its descriptor until it restarts);
# - a file truncated in place ("copytruncate") has its unread part read from the copy: a rotated
#   sibling (PATH.N, PATH-DATE) not seen before, that starts like the file started (a checksum of
#   the first 256 bytes, the "head"), while the file no longer holds what the copy holds.
# Arguments: NONCE BACKFILL MAXGAP ROUNDS, then per file:
#   PATH INODE OFFSET HEAD OLD_INODE OLD_OFFSET OLD_HEAD SIBLINGS
# INODE 0: never followed, start BACKFILL bytes before the end; -1: wait for the file, read it
# from 0. HEAD: "-" or CRC:BYTES of the file's first bytes. SIBLINGS: the inodes of the rotated
# copies last seen ("-": not known yet, "none").
# Output: file bytes framed by control lines that start with \036NONCE (a random word):
#   C K INODE FROM TO  bytes FROM..TO of file K follow, then a newline and "E SENT"
#   F K INODE OFFSET   file K is now this inode, read from OFFSET
#   O K INODE OFFSET   the previous inode of file K (renamed away) is still read from OFFSET
#   D K INODE          that previous inode is done
#   T K INODE HEAD     file K was truncated in place: read again from 0; HEAD is its head now
#   G K INODE BYTES OFFSET  BYTES were skipped (too far behind), read on from OFFSET
#   M K INODE HEAD     the head checksum of that inode;  S K SIBLINGS  the rotated copies now
#   L                  the first round is done: what follows was written while we followed
#   H                  still here;  X  done after ROUNDS rounds (the client runs it again)
N=$1; BACK=$2; GAP=$3; ROUNDS=$4; shift 4
CHUNK=1048576
IDLE=50
HEADLEN=256
n=0
while [ $# -ge 8 ]; do
  n=$((n + 1))
  eval "p_$n=\$1; i_$n=\$2; o_$n=\$3; h_$n=\$4; qi_$n=\$5; qo_$n=\$6; qh_$n=\$7; sb_$n=\$8; qp_$n=; qt_$n=0; pn_$n=; pc_$n=0; tw_$n=0"
  shift 8
done
exec 4>&1
exec 2>/dev/null
said=0
ctl() { printf '\036%s %s\n' "$N" "$*"; said=1; }
# chunk K INODE FROM TO FILE FILE_INODE: sends bytes FROM..TO of FILE as file K's inode INODE, and
# sets "got" to the bytes really sent (fewer when the file shrank since it was measured): the
# client and we go on from FROM + got. FILE is opened first and its inode checked, so a rename
# between measuring and reading never sends another file's bytes (got=0: the next round sees it).
chunk() {
  got=0
  command exec 5<"$5" || return 0
  if [ -e /proc/$$/fd/5 ] && [ "$(stat -L -c %i /proc/$$/fd/5)" != "$6" ]; then exec 5<&-; return 0; fi
  ctl "C $1 $2 $3 $4"
  got=$(tail -c +$(($3 + 1)) <&5 | head -c $(($4 - $3)) | tee /dev/fd/4 | wc -c)
  exec 5<&-
  got=$((got + 0))
  printf '\n'
  ctl "E $got"
}
size_of() { [ -n "$1" ] && stat -L -c %s "$1" || echo 0; }
find_inode() { find "$(dirname "$1")" -maxdepth 1 -inum "$2" -type f -print | head -n 1; }
# head FILE [BYTES]: CRC:BYTES of the file's first BYTES (default: up to HEADLEN) bytes
head_of() {
  if [ -n "$2" ]; then c=$(head -c "$2" "$1" | cksum); else c=$(head -c "$HEADLEN" "$1" | cksum); fi
  echo "${c% *}:${c#* }"
}
# a checksum of up to 256 bytes of FILE before OFFSET (the copy holds the same while FILE was not truncated)
mark() {
  a=$(($2 > 256 ? $2 - 256 : 0))
  tail -c +$((a + 1)) "$1" | head -c $(($2 - a)) | cksum
}
# the rotated copies known now (sibs, built by round) become SIBLINGS and are said when they changed
say_sibs() {
  s2=${sibs#,}; [ -z "$s2" ] && s2=none
  [ "$s2" != "$sb" ] && { sb=$s2; ctl "S $k $sb"; }
}
more=0
round() {
  k=$1
  eval "p=\$p_$k; i=\$i_$k; o=\$o_$k; h=\$h_$k; qi=\$qi_$k; qo=\$qo_$k; qh=\$qh_$k; qp=\$qp_$k; qt=\$qt_$k; sb=\$sb_$k; pn=\$pn_$k; pc=\$pc_$k; tw=\$tw_$k"
  # one stat for the file and its rotated copies (the shell expands the globs: no extra process)
  ci=0; cs=0; sibs=; fresh=; fi=
  stats=$(stat -L -c '%i %s %n' "$p" "$p".[0-9]* "$p"-[0-9]*)
  while read -r a b c; do
    [ -z "$a" ] && continue
    if [ "$c" = "$p" ]; then ci=$a; cs=$b; continue; fi
    case "$c" in *.gz|*.xz|*.bz2|*.zst|*.lz4|*.Z) continue ;; esac
    case ",$sb," in
      *",$a,"*|",-,") sibs="$sibs,$a" ;;
      *) if [ "$a" != "$i" ] && [ "$a" != "$qi" ] && [ -z "$fi" ]; then fresh="$c"; fi=$a
         else sibs="$sibs,$a"; fi ;;
    esac
  done <<STATS
$stats
STATS
  # a new copy stays under watch for a few rounds: copytruncate copies first and truncates after
  if [ -n "$fi" ]; then
    [ "$pn" != "$fi" ] && { pn=$fi; pc=0; }
    pc=$((pc + 1))
  else
    pn=; pc=0
  fi
  if [ "$i" = 0 ] || [ "$i" = -1 ]; then
    if [ "$ci" != 0 ]; then
      o=0; [ "$i" = 0 ] && [ "$cs" -gt "$BACK" ] && o=$((cs - BACK))
      i=$ci; h=$(head_of "$p")
      ctl "F $k $i $o"; ctl "M $k $i $h"
    fi
  else
    # where the inode we read is now: the path, or (renamed away) wherever it went
    if [ "$ci" = "$i" ]; then ip=$p; is=$cs; else ip=$(find_inode "$p" "$i"); is=$(size_of "$ip"); fi
    cut=0
    if [ -n "$fresh" ] && [ -n "$ip" ]; then
      s=$(size_of "$fresh")
      # the copy is ours if it starts as our file started; with no head known, if our file is still at PATH
      hn=${h#*:}
      if [ "$h" = - ]; then ours=$([ "$ci" = "$i" ] && echo 1); else ours=$([ "$(head_of "$fresh" "$hn")" = "$h" ] && echo 1); fi
      if [ -n "$ours" ] && [ "$s" -gt 0 ]; then
        # truncated if our file no longer holds what the copy holds
        # (both start alike, and agree just before our offset or the copy's end, if not truncated)
        m=$o; [ "$s" -lt "$m" ] && m=$s
        l=$HEADLEN; [ "$s" -lt "$l" ] && l=$s
        if [ "$is" -lt "$m" ] || [ "$(head_of "$ip" "$l")" != "$(head_of "$fresh" "$l")" ] \
           || [ "$(mark "$ip" "$m")" != "$(mark "$fresh" "$m")" ]; then
          # truncated: so the copy was complete before; measured again, as it may have grown since
          s=$(size_of "$fresh")
          [ "$s" -gt "$o" ] && chunk "$k" "$i" "$o" "$s" "$fresh" "$fi"
          cut=1; pc=99
        fi
      fi
    fi
    # shorter than where we stand and no copy (yet): copytruncate makes its copy before it
    # truncates, but a glob can miss a copy made meanwhile; wait two rounds before reading again
    if [ "$cut" = 0 ] && [ -n "$ip" ] && [ "$is" -lt "$o" ]; then
      tw=$((tw + 1)); [ "$tw" -gt 2 ] && cut=1
    else
      tw=0
    fi
    if [ "$cut" = 1 ]; then
      # every copy seen by now holds what came before the cut: known before T is said, so that a
      # run stopped right after T never takes one for unread bytes of the file read again from 0
      [ -n "$fi" ] && { sibs="$sibs,$fi"; fi=; pn=; pc=0; }
      say_sibs
      o=0; tw=0; h=$(head_of "$ip"); ctl "T $k $i $h"
    fi
    if [ "$ci" != "$i" ]; then
      # renamed away (or removed): keep reading the old inode where it went; a still older one is finished first
      if [ "$qi" != 0 ]; then
        if [ -n "$qp" ]; then s=$(size_of "$qp"); [ "$s" -gt "$qo" ] && chunk "$k" "$qi" "$qo" "$s" "$qp" "$qi"; fi
        ctl "D $k $qi"
      fi
      qi=0; qo=0; qh=-; qp=; qt=0
      if [ -n "$ip" ]; then
        qi=$i; qo=$o; qh=$h; qp=$ip
        ctl "O $k $qi $qo"
      else
        ctl "D $k $i"
      fi
      o=0; i=$ci; h=-
      if [ "$i" = 0 ]; then i=-1; else h=$(head_of "$p"); fi
      ctl "F $k $i 0"; [ "$h" != - ] && ctl "M $k $i $h"
    fi
  fi
  # settled (checked, or watched long enough): the copy joins the known ones
  [ -n "$fi" ] && [ "$pc" -gt 10 ] && { sibs="$sibs,$fi"; pn=; pc=0; }
  say_sibs
  if [ "$qi" != 0 ]; then
    # the renamed-away file: read while it grows; done once it is gone, or idle while the new one is written
    if [ -z "$qp" ] || [ "$(stat -L -c %i "$qp")" != "$qi" ]; then qp=$(find_inode "$p" "$qi"); fi
    if [ -z "$qp" ]; then
      ctl "D $k $qi"; qi=0; qo=0; qt=0
    else
      s=$(size_of "$qp")
      if [ "$s" -gt "$qo" ]; then
        to=$s; [ $((to - qo)) -gt "$CHUNK" ] && { to=$((qo + CHUNK)); more=1; }
        chunk "$k" "$qi" "$qo" "$to" "$qp" "$qi"; qo=$((qo + got)); qt=0
      else
        qt=$((qt + 1))
        if [ "$qt" -gt "$IDLE" ] && [ "$cs" -gt 0 ]; then ctl "D $k $qi"; qi=0; qo=0; qp=; qt=0; fi
      fi
    fi
  fi
  if [ "$ci" != 0 ] && [ "$ci" = "$i" ] && [ "$tw" = 0 ]; then
    if [ $((cs - o)) -gt "$GAP" ]; then
      skip=$((cs - BACK - o)); o=$((cs - BACK))
      ctl "G $k $i $skip $o"
    fi
    if [ "$cs" -gt "$o" ]; then
      to=$cs; [ $((to - o)) -gt "$CHUNK" ] && { to=$((o + CHUNK)); more=1; }
      chunk "$k" "$i" "$o" "$to" "$p" "$i"; o=$((o + got))
      # a head taken from a file shorter than HEADLEN grows with it, from bytes read and so still ours
      if [ "$h" != - ] && [ "${h#*:}" -lt "$HEADLEN" ] && [ "$o" -gt "${h#*:}" ]; then
        hl=$o; [ "$hl" -gt "$HEADLEN" ] && hl=$HEADLEN
        h=$(head_of "$p" "$hl"); ctl "M $k $i $h"
      fi
    fi
  fi
  eval "i_$k=\$i; o_$k=\$o; h_$k=\$h; qi_$k=\$qi; qo_$k=\$qo; qh_$k=\$qh; qp_$k=\$qp; qt_$k=\$qt; sb_$k=\$sb; pn_$k=\$pn; pc_$k=\$pc; tw_$k=\$tw"
}
r=0; quiet=0; lv=0
while [ "$r" -lt "$ROUNDS" ]; do
  r=$((r + 1)); said=0; more=0
  k=1
  while [ "$k" -le "$n" ]; do round "$k"; k=$((k + 1)); done
  [ "$lv" = 0 ] && [ "$more" = 0 ] && { ctl "L"; lv=1; }
  if [ "$said" = 1 ]; then quiet=0; else quiet=$((quiet + 1)); fi
  [ "$quiet" -ge 25 ] && { ctl "H"; quiet=0; }
  [ "$more" = 1 ] || sleep 0.2
done
ctl "X"
