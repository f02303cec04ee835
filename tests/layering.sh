#!/usr/bin/env bash
# The layering of src/ (docs/architecture.md), checked from the #include lines:
#   core/                        includes only core/
#   registry/ loans/ relief/ notices/ accounts/ services/ programmes/ (the domains) include core/ and domains,
#                                never web/, pdf/ or cli/,
#                                and no two domains include each other (no cycle between domain folders)
#   pdf/                         includes core/, the domains and pdf/; never web/ or cli/
#   web/                         anything but cli/
#   cli/                         anything
# and, inside one folder, no two files include each other (x.c or x.h includes y.h while y.c or
# y.h includes x.h): a piece both need belongs in a third file, or one side passes a callback.
# Usage: check_layers.sh [SRC_DIR]  (default src). Prints each breach; exit 1 if any, else 0.
set -u
src=${1:-src}
declare -A folder_of   # header name -> folder
for h in "$src"/*/*.h; do
  [ -e "$h" ] || continue
  f=${h#"$src"/}; folder_of[$(basename "$h")]=${f%%/*}
done
domains=" registry loans relief notices accounts services programmes "
allowed() { # from to -> 0 when a file in folder `from` may include a header of folder `to`
  local from=$1 to=$2
  [ "$from" = "$to" ] && return 0
  case $from in
    core) return 1 ;;
    registry|loans|relief|notices|accounts|services|programmes) [ "$to" = core ] || [[ "$domains" == *" $to "* ]] ;;
    pdf) [ "$to" = core ] || [[ "$domains" == *" $to "* ]] ;;
    web) [ "$to" != cli ] ;;
    cli|tools) return 0 ;;
    *) return 1 ;;
  esac
}
bad=0
declare -A edge fedge   # folder>folder (domains) and folder/file>folder/file (same folder) -> the including file
for f in "$src"/*/*.c "$src"/*/*.h; do
  [ -e "$f" ] || continue
  rel=${f#"$src"/}; from=${rel%%/*}
  while IFS= read -r inc; do
    to=${folder_of[$inc]:-}
    [ -n "$to" ] || continue          # a system or generated header
    if ! allowed "$from" "$to"; then
      echo "分层错误: $rel 包含 $to/$inc（$from/ 不能包含 $to/）"; bad=1
    fi
    if [ "$from" = "$to" ]; then
      a=$(basename "${rel%.*}") b=${inc%.h}
      [ "$a" = "$b" ] || fedge[$from/$a>$to/$b]=$rel
    fi
    if [ "$from" != "$to" ] && [[ "$domains" == *" $from "* ]] && [[ "$domains" == *" $to "* ]]; then
      edge[$from>$to]=$rel
    fi
  done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" | xargs -r -n1 basename)
done
# A cycle between domain folders: a path from one domain back to itself over the include edges.
for a in $domains; do
  seen=" $a "; frontier=" $a "
  while [ -n "${frontier// /}" ]; do
    next=" "
    for x in $frontier; do
      for y in $domains; do
        [ -n "${edge[$x>$y]:-}" ] || continue
        if [ "$y" = "$a" ]; then echo "分层错误: 领域目录之间循环包含，经过 $a/（例如 ${edge[$x>$y]} 包含 $a/ 的头文件）"; bad=1; next=" "; break 3; fi
        [[ "$seen" == *" $y "* ]] || { seen="$seen$y "; next="$next$y "; }
      done
    done
    frontier=$next
  done
done
# Two files of one folder including each other (each pair reported once).
for k in "${!fedge[@]}"; do
  x=${k%%>*} y=${k#*>}
  if [ -n "${fedge[$y>$x]:-}" ] && [[ "$x" < "$y" ]]; then
    echo "分层错误: 文件之间循环包含：${fedge[$k]} 包含 ${y##*/}.h，而 ${fedge[$y>$x]} 包含 ${x##*/}.h"; bad=1
  fi
done
[ $bad = 0 ] && echo "分层检查通过"
exit $bad
