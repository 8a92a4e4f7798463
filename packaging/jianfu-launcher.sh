#!/bin/sh
# /usr/bin/jianfu: starts the app installed in /opt/jianfu.
#
# Chinese input: the bundled Qt has input-context plugins for ibus (and compose), not for
# fcitx. A desktop that sets QT_IM_MODULE=fcitx (UOS, Kylin, fcitx5 on Debian) would leave Qt
# without an input method, so Qt is given a list to try in order: the session's own choice,
# then ibus (fcitx5 also answers the ibus protocol through its ibus frontend), then compose.
# A session that names its input method only for GTK and X (GTK_IM_MODULE, XMODIFIERS) gets the
# same. An explicit QT_IM_MODULES set by the user is left alone.
if [ -z "${QT_IM_MODULES:-}" ]; then
    session_im="${QT_IM_MODULE:-}"
    if [ -z "$session_im" ]; then
        case "${GTK_IM_MODULE:-} ${XMODIFIERS:-}" in
            *fcitx*) session_im=fcitx ;;
            *ibus*) session_im=ibus ;;
        esac
    fi
    case "$session_im" in
        "") ;;
        ibus) QT_IM_MODULES="ibus;compose"; export QT_IM_MODULES ;;
        *) QT_IM_MODULES="${session_im};ibus;compose"; export QT_IM_MODULES ;;
    esac
fi
exec /opt/jianfu/jianfu "$@"
