#!/bin/sh
# /usr/bin/jianfu: starts the app installed in /opt/jianfu.
#
# Chinese input: the bundled Qt has input-context plugins for fcitx (fcitx 4 and fcitx5, built
# by packaging/build-fcitx-plugin), ibus and compose. Qt is given a list to try in order: the
# session's own choice, then ibus (fcitx5 also answers the ibus protocol through its ibus
# frontend), then compose. A session that names its input method only for GTK and X
# (GTK_IM_MODULE, XMODIFIERS) gets the same. An explicit QT_IM_MODULES set by the user is left
# alone.
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
        # the bundled fcitx plugin answers to "fcitx" only (it serves fcitx5 too)
        fcitx5) QT_IM_MODULES="fcitx5;fcitx;ibus;compose"; export QT_IM_MODULES ;;
        *) QT_IM_MODULES="${session_im};ibus;compose"; export QT_IM_MODULES ;;
    esac
fi
exec /opt/jianfu/jianfu "$@"
