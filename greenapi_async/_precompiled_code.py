"""The decoder's generated functions, compiled ahead of time (see ``_precompiled``).

Written by ``nox -s precompile`` from the models: do not edit.
"""

# fmt: off
def _04bedb0d658c785c2a62d0a9(o, _):
    v0 = o['idMessage']
    if v0.__class__ is not _type0: raise _Miss
    v1 = o['timestamp']
    if v1.__class__ is not int or not 0 <= v1 <= 253402300799: raise _Miss
    v2 = o['chatId']
    if v2.__class__ is not _type2: raise _Miss
    left = len(o) - 3 - ('typeMessage' in o)
    if left == 4:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v18 = o['contacts']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.contacts = v18
            self.__class__ = _cls
            return self
    elif left == 8:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['contacts']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.contacts = v18
            self.__class__ = _cls
            return self
    elif left == 5:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v18 = o['contacts']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.contacts = v18
            self.__class__ = _cls
            return self
    elif left == 9:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['contacts']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.contacts = v18
            self.__class__ = _cls
            return self
    v3 = v4 = v5 = v6 = v7 = v8 = v11 = v12 = v13 = v14 = v9 = v10 = v15 = None
    v18 = _default18
    if left:
        v3 = o.get('type')
        if v3 is not None:
            left -= 1
            if v3.__class__ is not _type3: raise _Miss
        if left:
            v4 = o.get('statusMessage')
            if v4 is not None:
                left -= 1
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if left:
                v5 = o.get('sendByApi')
                if v5 is not None:
                    left -= 1
                    if v5.__class__ is not _type5: raise _Miss
                if left:
                    v18 = o.get('contacts', _default18)
                    if v18 is not _default18:
                        left -= 1
                        v18 = _hook18(v18, _type18)
    if left:
        v6 = o.get('senderId')
        if v6 is not None:
            left -= 1
            if v6.__class__ is not _type6: raise _Miss
        if left:
            v7 = o.get('senderName')
            if v7 is not None:
                left -= 1
                if v7.__class__ is not _type7: raise _Miss
            if left:
                v8 = o.get('senderContactName')
                if v8 is not None:
                    left -= 1
                    if v8.__class__ is not _type8: raise _Miss
                if left:
                    v11 = o.get('isEdited')
                    if v11 is not None:
                        left -= 1
                        if v11.__class__ is not _type11: raise _Miss
                    if left:
                        v12 = o.get('isDeleted')
                        if v12 is not None:
                            left -= 1
                            if v12.__class__ is not _type12: raise _Miss
                        if left:
                            v13 = o.get('editedMessageId')
                            if v13 is not None:
                                left -= 1
                                if v13.__class__ is not _type13: raise _Miss
                            if left:
                                v14 = o.get('deletedMessageId')
                                if v14 is not None:
                                    left -= 1
                                    if v14.__class__ is not _type14: raise _Miss
    if left:
        if 'isForwarded' in o:
            v9 = o['isForwarded']
            left -= 1
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
        if left:
            if 'forwardingScore' in o:
                v10 = o['forwardingScore']
                left -= 1
                if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if left:
                if 'quotedMessage' in o:
                    v15 = o['quotedMessage']
                    left -= 1
                    if v15 is not None: v15 = _hook15(v15, _type15)
    self = _builder()
    self.id_message = v0
    self.timestamp = v1
    self.chat_id = v2
    self.type = v3
    self.status_message = v4
    self.send_by_api = v5
    self.sender_id = v6
    self.sender_name = v7
    self.sender_contact_name = v8
    self.is_forwarded = v9
    self.forwarding_score = v10
    self.is_edited = v11
    self.is_deleted = v12
    self.edited_message_id = v13
    self.deleted_message_id = v14
    self.quoted_message = v15
    self._raw = o
    self.type_message = _default17
    self.contacts = v18
    self.__class__ = _cls
    return self


def _08d98d7685c9294c3c76bb87(o, _):
    v0 = o['idMessage']
    if v0.__class__ is not _type0: raise _Miss
    v1 = o['timestamp']
    if v1.__class__ is not int or not 0 <= v1 <= 253402300799: raise _Miss
    v2 = o['chatId']
    if v2.__class__ is not _type2: raise _Miss
    left = len(o) - 3 - ('typeMessage' in o)
    if left == 4:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v18 = o['groupInviteMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.group_invite_message_data = v18
            self.__class__ = _cls
            return self
    elif left == 8:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['groupInviteMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.group_invite_message_data = v18
            self.__class__ = _cls
            return self
    elif left == 5:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v18 = o['groupInviteMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.group_invite_message_data = v18
            self.__class__ = _cls
            return self
    elif left == 9:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['groupInviteMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.group_invite_message_data = v18
            self.__class__ = _cls
            return self
    v3 = v4 = v5 = v18 = v6 = v7 = v8 = v11 = v12 = v13 = v14 = v9 = v10 = v15 = None
    if left:
        v3 = o.get('type')
        if v3 is not None:
            left -= 1
            if v3.__class__ is not _type3: raise _Miss
        if left:
            v4 = o.get('statusMessage')
            if v4 is not None:
                left -= 1
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if left:
                v5 = o.get('sendByApi')
                if v5 is not None:
                    left -= 1
                    if v5.__class__ is not _type5: raise _Miss
                if left:
                    v18 = o.get('groupInviteMessageData')
                    if v18 is not None:
                        left -= 1
                        v18 = _hook18(v18, _type18)
    if left:
        v6 = o.get('senderId')
        if v6 is not None:
            left -= 1
            if v6.__class__ is not _type6: raise _Miss
        if left:
            v7 = o.get('senderName')
            if v7 is not None:
                left -= 1
                if v7.__class__ is not _type7: raise _Miss
            if left:
                v8 = o.get('senderContactName')
                if v8 is not None:
                    left -= 1
                    if v8.__class__ is not _type8: raise _Miss
                if left:
                    v11 = o.get('isEdited')
                    if v11 is not None:
                        left -= 1
                        if v11.__class__ is not _type11: raise _Miss
                    if left:
                        v12 = o.get('isDeleted')
                        if v12 is not None:
                            left -= 1
                            if v12.__class__ is not _type12: raise _Miss
                        if left:
                            v13 = o.get('editedMessageId')
                            if v13 is not None:
                                left -= 1
                                if v13.__class__ is not _type13: raise _Miss
                            if left:
                                v14 = o.get('deletedMessageId')
                                if v14 is not None:
                                    left -= 1
                                    if v14.__class__ is not _type14: raise _Miss
    if left:
        if 'isForwarded' in o:
            v9 = o['isForwarded']
            left -= 1
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
        if left:
            if 'forwardingScore' in o:
                v10 = o['forwardingScore']
                left -= 1
                if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if left:
                if 'quotedMessage' in o:
                    v15 = o['quotedMessage']
                    left -= 1
                    if v15 is not None: v15 = _hook15(v15, _type15)
    self = _builder()
    self.id_message = v0
    self.timestamp = v1
    self.chat_id = v2
    self.type = v3
    self.status_message = v4
    self.send_by_api = v5
    self.sender_id = v6
    self.sender_name = v7
    self.sender_contact_name = v8
    self.is_forwarded = v9
    self.forwarding_score = v10
    self.is_edited = v11
    self.is_deleted = v12
    self.edited_message_id = v13
    self.deleted_message_id = v14
    self.quoted_message = v15
    self._raw = o
    self.type_message = _default17
    self.group_invite_message_data = v18
    self.__class__ = _cls
    return self


def _0d8a4780505debafb9170876(o, _):
    if o.__class__ is not dict: raise _Miss
    left = len(o) - 0
    if left == 5:
        try:
            v0 = o['text']
            v1 = o['description']
            v2 = o['title']
            v3 = o['previewType']
            v4 = o['jpegThumbnail']
        except KeyError:
            pass
        else:
            if v0.__class__ is not _type0 and v0 is not None: raise _Miss
            if v1.__class__ is not _type1 and v1 is not None: raise _Miss
            if v2.__class__ is not _type2 and v2 is not None: raise _Miss
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4.__class__ is not _type4 and v4 is not None: raise _Miss
            self = _builder()
            self.text = v0
            self.description = v1
            self.title = v2
            self.preview_type = v3
            self.jpeg_thumbnail = v4
            self.stanza_id = None
            self.participant = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.__class__ = _cls
            return self
    elif left == 7:
        try:
            v0 = o['text']
            v1 = o['description']
            v2 = o['title']
            v3 = o['previewType']
            v4 = o['jpegThumbnail']
            v7 = o['isForwarded']
            v8 = o['forwardingScore']
        except KeyError:
            pass
        else:
            if v0.__class__ is not _type0 and v0 is not None: raise _Miss
            if v1.__class__ is not _type1 and v1 is not None: raise _Miss
            if v2.__class__ is not _type2 and v2 is not None: raise _Miss
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4.__class__ is not _type4 and v4 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            self = _builder()
            self.text = v0
            self.description = v1
            self.title = v2
            self.preview_type = v3
            self.jpeg_thumbnail = v4
            self.stanza_id = None
            self.participant = None
            self.is_forwarded = v7
            self.forwarding_score = v8
            self.__class__ = _cls
            return self
    v0 = v1 = v2 = v3 = v4 = v7 = v8 = v5 = v6 = None
    if left:
        v0 = o.get('text')
        if v0 is not None:
            left -= 1
            if v0.__class__ is not _type0: raise _Miss
        if left:
            v1 = o.get('description')
            if v1 is not None:
                left -= 1
                if v1.__class__ is not _type1: raise _Miss
            if left:
                v2 = o.get('title')
                if v2 is not None:
                    left -= 1
                    if v2.__class__ is not _type2: raise _Miss
                if left:
                    v3 = o.get('previewType')
                    if v3 is not None:
                        left -= 1
                        if v3.__class__ is not _type3: raise _Miss
                    if left:
                        v4 = o.get('jpegThumbnail')
                        if v4 is not None:
                            left -= 1
                            if v4.__class__ is not _type4: raise _Miss
    if left:
        v7 = o.get('isForwarded')
        if v7 is not None:
            left -= 1
            if v7.__class__ is not _type7: raise _Miss
        if left:
            v8 = o.get('forwardingScore')
            if v8 is not None:
                left -= 1
                if v8.__class__ is not _type8: raise _Miss
    if left:
        if 'stanzaId' in o:
            v5 = o['stanzaId']
            left -= 1
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
        if left:
            if 'participant' in o:
                v6 = o['participant']
                left -= 1
                if v6.__class__ is not _type6 and v6 is not None: raise _Miss
    self = _builder()
    self.text = v0
    self.description = v1
    self.title = v2
    self.preview_type = v3
    self.jpeg_thumbnail = v4
    self.stanza_id = v5
    self.participant = v6
    self.is_forwarded = v7
    self.forwarding_score = v8
    self.__class__ = _cls
    return self


def _197af317be46a3e816ec3caa(o, _):
    v0 = o['idMessage']
    if v0.__class__ is not _type0: raise _Miss
    v1 = o['timestamp']
    if v1.__class__ is not int or not 0 <= v1 <= 253402300799: raise _Miss
    v2 = o['chatId']
    if v2.__class__ is not _type2: raise _Miss
    left = len(o) - 3 - ('typeMessage' in o)
    if left == 4:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v18 = o['editedMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.edited_message_data = v18
            self.__class__ = _cls
            return self
    elif left == 8:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['editedMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.edited_message_data = v18
            self.__class__ = _cls
            return self
    elif left == 5:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v18 = o['editedMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.edited_message_data = v18
            self.__class__ = _cls
            return self
    elif left == 9:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['editedMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.edited_message_data = v18
            self.__class__ = _cls
            return self
    v3 = v4 = v5 = v18 = v6 = v7 = v8 = v11 = v12 = v13 = v14 = v9 = v10 = v15 = None
    if left:
        v3 = o.get('type')
        if v3 is not None:
            left -= 1
            if v3.__class__ is not _type3: raise _Miss
        if left:
            v4 = o.get('statusMessage')
            if v4 is not None:
                left -= 1
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if left:
                v5 = o.get('sendByApi')
                if v5 is not None:
                    left -= 1
                    if v5.__class__ is not _type5: raise _Miss
                if left:
                    v18 = o.get('editedMessageData')
                    if v18 is not None:
                        left -= 1
                        v18 = _hook18(v18, _type18)
    if left:
        v6 = o.get('senderId')
        if v6 is not None:
            left -= 1
            if v6.__class__ is not _type6: raise _Miss
        if left:
            v7 = o.get('senderName')
            if v7 is not None:
                left -= 1
                if v7.__class__ is not _type7: raise _Miss
            if left:
                v8 = o.get('senderContactName')
                if v8 is not None:
                    left -= 1
                    if v8.__class__ is not _type8: raise _Miss
                if left:
                    v11 = o.get('isEdited')
                    if v11 is not None:
                        left -= 1
                        if v11.__class__ is not _type11: raise _Miss
                    if left:
                        v12 = o.get('isDeleted')
                        if v12 is not None:
                            left -= 1
                            if v12.__class__ is not _type12: raise _Miss
                        if left:
                            v13 = o.get('editedMessageId')
                            if v13 is not None:
                                left -= 1
                                if v13.__class__ is not _type13: raise _Miss
                            if left:
                                v14 = o.get('deletedMessageId')
                                if v14 is not None:
                                    left -= 1
                                    if v14.__class__ is not _type14: raise _Miss
    if left:
        if 'isForwarded' in o:
            v9 = o['isForwarded']
            left -= 1
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
        if left:
            if 'forwardingScore' in o:
                v10 = o['forwardingScore']
                left -= 1
                if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if left:
                if 'quotedMessage' in o:
                    v15 = o['quotedMessage']
                    left -= 1
                    if v15 is not None: v15 = _hook15(v15, _type15)
    self = _builder()
    self.id_message = v0
    self.timestamp = v1
    self.chat_id = v2
    self.type = v3
    self.status_message = v4
    self.send_by_api = v5
    self.sender_id = v6
    self.sender_name = v7
    self.sender_contact_name = v8
    self.is_forwarded = v9
    self.forwarding_score = v10
    self.is_edited = v11
    self.is_deleted = v12
    self.edited_message_id = v13
    self.deleted_message_id = v14
    self.quoted_message = v15
    self._raw = o
    self.type_message = _default17
    self.edited_message_data = v18
    self.__class__ = _cls
    return self


def _22bc12653176b2170bd0d829(o, _):
    if o.__class__ is not dict: raise _Miss
    left = len(o) - 0
    if left == 7:
        try:
            v0 = o['groupJid']
            v1 = o['inviteCode']
            v2 = o['inviteExpiration']
            v3 = o['groupName']
            v4 = o['caption']
            v5 = o['name']
            v6 = o['jpegThumbnail']
        except KeyError:
            pass
        else:
            if v0.__class__ is not _type0 and v0 is not None: raise _Miss
            if v1.__class__ is not _type1 and v1 is not None: raise _Miss
            v2 = _hook2(v2, _type2)
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4.__class__ is not _type4 and v4 is not None: raise _Miss
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            self = _builder()
            self.group_jid = v0
            self.invite_code = v1
            self.invite_expiration = v2
            self.group_name = v3
            self.caption = v4
            self.name = v5
            self.jpeg_thumbnail = v6
            self.__class__ = _cls
            return self
    v0 = v1 = v2 = v3 = v4 = v5 = v6 = None
    if left:
        v0 = o.get('groupJid')
        if v0 is not None:
            left -= 1
            if v0.__class__ is not _type0: raise _Miss
        if left:
            v1 = o.get('inviteCode')
            if v1 is not None:
                left -= 1
                if v1.__class__ is not _type1: raise _Miss
            if left:
                v2 = o.get('inviteExpiration')
                if v2 is not None:
                    left -= 1
                    v2 = _hook2(v2, _type2)
                if left:
                    v3 = o.get('groupName')
                    if v3 is not None:
                        left -= 1
                        if v3.__class__ is not _type3: raise _Miss
                    if left:
                        v4 = o.get('caption')
                        if v4 is not None:
                            left -= 1
                            if v4.__class__ is not _type4: raise _Miss
                        if left:
                            v5 = o.get('name')
                            if v5 is not None:
                                left -= 1
                                if v5.__class__ is not _type5: raise _Miss
                            if left:
                                v6 = o.get('jpegThumbnail')
                                if v6 is not None:
                                    left -= 1
                                    if v6.__class__ is not _type6: raise _Miss
    self = _builder()
    self.group_jid = v0
    self.invite_code = v1
    self.invite_expiration = v2
    self.group_name = v3
    self.caption = v4
    self.name = v5
    self.jpeg_thumbnail = v6
    self.__class__ = _cls
    return self


def _22c95f369d02475ca5409010(o, _):
    if o.__class__ is not dict: raise _Miss
    left = len(o) - 0
    if left == 2:
        try:
            v0 = o['displayName']
            v1 = o['vcard']
        except KeyError:
            pass
        else:
            if v0.__class__ is not _type0 and v0 is not None: raise _Miss
            if v1.__class__ is not _type1 and v1 is not None: raise _Miss
            self = _builder()
            self.display_name = v0
            self.vcard = v1
            self.is_forwarded = None
            self.forwarding_score = None
            self.__class__ = _cls
            return self
    elif left == 4:
        try:
            v0 = o['displayName']
            v1 = o['vcard']
            v2 = o['isForwarded']
            v3 = o['forwardingScore']
        except KeyError:
            pass
        else:
            if v0.__class__ is not _type0 and v0 is not None: raise _Miss
            if v1.__class__ is not _type1 and v1 is not None: raise _Miss
            if v2.__class__ is not _type2 and v2 is not None: raise _Miss
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            self = _builder()
            self.display_name = v0
            self.vcard = v1
            self.is_forwarded = v2
            self.forwarding_score = v3
            self.__class__ = _cls
            return self
    v0 = v1 = v2 = v3 = None
    if left:
        v0 = o.get('displayName')
        if v0 is not None:
            left -= 1
            if v0.__class__ is not _type0: raise _Miss
        if left:
            v1 = o.get('vcard')
            if v1 is not None:
                left -= 1
                if v1.__class__ is not _type1: raise _Miss
    if left:
        v2 = o.get('isForwarded')
        if v2 is not None:
            left -= 1
            if v2.__class__ is not _type2: raise _Miss
        if left:
            v3 = o.get('forwardingScore')
            if v3 is not None:
                left -= 1
                if v3.__class__ is not _type3: raise _Miss
    self = _builder()
    self.display_name = v0
    self.vcard = v1
    self.is_forwarded = v2
    self.forwarding_score = v3
    self.__class__ = _cls
    return self


def _2710598519284f1d48ad0677(o, _):
    if o.__class__ is not dict: raise _Miss
    left = len(o) - 0
    if left == 1:
        try:
            v0 = o['stanzaId']
        except KeyError:
            pass
        else:
            if v0.__class__ is not _type0 and v0 is not None: raise _Miss
            self = _builder()
            self.stanza_id = v0
            self.__class__ = _cls
            return self
    v0 = None
    if left:
        v0 = o.get('stanzaId')
        if v0 is not None:
            left -= 1
            if v0.__class__ is not _type0: raise _Miss
    self = _builder()
    self.stanza_id = v0
    self.__class__ = _cls
    return self


def _2f1c3b52c758f0d6abf3cfd4(o, _):
    v0 = o['idMessage']
    if v0.__class__ is not _type0: raise _Miss
    v1 = o['timestamp']
    if v1.__class__ is not int or not 0 <= v1 <= 253402300799: raise _Miss
    v2 = o['chatId']
    if v2.__class__ is not _type2: raise _Miss
    left = len(o) - 3 - ('typeMessage' in o)
    if left == 4:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v18 = o['pollMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.poll_message_data = v18
            self.__class__ = _cls
            return self
    elif left == 8:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['pollMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.poll_message_data = v18
            self.__class__ = _cls
            return self
    elif left == 5:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v18 = o['pollMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.poll_message_data = v18
            self.__class__ = _cls
            return self
    elif left == 9:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['pollMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.poll_message_data = v18
            self.__class__ = _cls
            return self
    v3 = v4 = v5 = v18 = v6 = v7 = v8 = v11 = v12 = v13 = v14 = v9 = v10 = v15 = None
    if left:
        v3 = o.get('type')
        if v3 is not None:
            left -= 1
            if v3.__class__ is not _type3: raise _Miss
        if left:
            v4 = o.get('statusMessage')
            if v4 is not None:
                left -= 1
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if left:
                v5 = o.get('sendByApi')
                if v5 is not None:
                    left -= 1
                    if v5.__class__ is not _type5: raise _Miss
                if left:
                    v18 = o.get('pollMessageData')
                    if v18 is not None:
                        left -= 1
                        v18 = _hook18(v18, _type18)
    if left:
        v6 = o.get('senderId')
        if v6 is not None:
            left -= 1
            if v6.__class__ is not _type6: raise _Miss
        if left:
            v7 = o.get('senderName')
            if v7 is not None:
                left -= 1
                if v7.__class__ is not _type7: raise _Miss
            if left:
                v8 = o.get('senderContactName')
                if v8 is not None:
                    left -= 1
                    if v8.__class__ is not _type8: raise _Miss
                if left:
                    v11 = o.get('isEdited')
                    if v11 is not None:
                        left -= 1
                        if v11.__class__ is not _type11: raise _Miss
                    if left:
                        v12 = o.get('isDeleted')
                        if v12 is not None:
                            left -= 1
                            if v12.__class__ is not _type12: raise _Miss
                        if left:
                            v13 = o.get('editedMessageId')
                            if v13 is not None:
                                left -= 1
                                if v13.__class__ is not _type13: raise _Miss
                            if left:
                                v14 = o.get('deletedMessageId')
                                if v14 is not None:
                                    left -= 1
                                    if v14.__class__ is not _type14: raise _Miss
    if left:
        if 'isForwarded' in o:
            v9 = o['isForwarded']
            left -= 1
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
        if left:
            if 'forwardingScore' in o:
                v10 = o['forwardingScore']
                left -= 1
                if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if left:
                if 'quotedMessage' in o:
                    v15 = o['quotedMessage']
                    left -= 1
                    if v15 is not None: v15 = _hook15(v15, _type15)
    self = _builder()
    self.id_message = v0
    self.timestamp = v1
    self.chat_id = v2
    self.type = v3
    self.status_message = v4
    self.send_by_api = v5
    self.sender_id = v6
    self.sender_name = v7
    self.sender_contact_name = v8
    self.is_forwarded = v9
    self.forwarding_score = v10
    self.is_edited = v11
    self.is_deleted = v12
    self.edited_message_id = v13
    self.deleted_message_id = v14
    self.quoted_message = v15
    self._raw = o
    self.type_message = _default17
    self.poll_message_data = v18
    self.__class__ = _cls
    return self


def _2fd70a58752467edddd68e83(o, _):
    v0 = o['idMessage']
    if v0.__class__ is not _type0: raise _Miss
    v1 = o['timestamp']
    if v1.__class__ is not int or not 0 <= v1 <= 253402300799: raise _Miss
    v2 = o['chatId']
    if v2.__class__ is not _type2: raise _Miss
    left = len(o) - 3 - ('typeMessage' in o)
    if left == 4:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v18 = o['pollMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.poll_message_data = v18
            self.poll_creation_message = None
            self.__class__ = _cls
            return self
    elif left == 8:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['pollMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.poll_message_data = v18
            self.poll_creation_message = None
            self.__class__ = _cls
            return self
    elif left == 5:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v18 = o['pollMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.poll_message_data = v18
            self.poll_creation_message = None
            self.__class__ = _cls
            return self
    elif left == 9:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['pollMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.poll_message_data = v18
            self.poll_creation_message = None
            self.__class__ = _cls
            return self
    v3 = v4 = v5 = v18 = v6 = v7 = v8 = v11 = v12 = v13 = v14 = v9 = v10 = v15 = v19 = None
    if left:
        v3 = o.get('type')
        if v3 is not None:
            left -= 1
            if v3.__class__ is not _type3: raise _Miss
        if left:
            v4 = o.get('statusMessage')
            if v4 is not None:
                left -= 1
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if left:
                v5 = o.get('sendByApi')
                if v5 is not None:
                    left -= 1
                    if v5.__class__ is not _type5: raise _Miss
                if left:
                    v18 = o.get('pollMessageData')
                    if v18 is not None:
                        left -= 1
                        v18 = _hook18(v18, _type18)
    if left:
        v6 = o.get('senderId')
        if v6 is not None:
            left -= 1
            if v6.__class__ is not _type6: raise _Miss
        if left:
            v7 = o.get('senderName')
            if v7 is not None:
                left -= 1
                if v7.__class__ is not _type7: raise _Miss
            if left:
                v8 = o.get('senderContactName')
                if v8 is not None:
                    left -= 1
                    if v8.__class__ is not _type8: raise _Miss
                if left:
                    v11 = o.get('isEdited')
                    if v11 is not None:
                        left -= 1
                        if v11.__class__ is not _type11: raise _Miss
                    if left:
                        v12 = o.get('isDeleted')
                        if v12 is not None:
                            left -= 1
                            if v12.__class__ is not _type12: raise _Miss
                        if left:
                            v13 = o.get('editedMessageId')
                            if v13 is not None:
                                left -= 1
                                if v13.__class__ is not _type13: raise _Miss
                            if left:
                                v14 = o.get('deletedMessageId')
                                if v14 is not None:
                                    left -= 1
                                    if v14.__class__ is not _type14: raise _Miss
    if left:
        if 'isForwarded' in o:
            v9 = o['isForwarded']
            left -= 1
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
        if left:
            if 'forwardingScore' in o:
                v10 = o['forwardingScore']
                left -= 1
                if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if left:
                if 'quotedMessage' in o:
                    v15 = o['quotedMessage']
                    left -= 1
                    if v15 is not None: v15 = _hook15(v15, _type15)
                if left:
                    if 'pollCreationMessage' in o:
                        v19 = o['pollCreationMessage']
                        left -= 1
                        if v19 is not None: v19 = _hook19(v19, _type19)
    self = _builder()
    self.id_message = v0
    self.timestamp = v1
    self.chat_id = v2
    self.type = v3
    self.status_message = v4
    self.send_by_api = v5
    self.sender_id = v6
    self.sender_name = v7
    self.sender_contact_name = v8
    self.is_forwarded = v9
    self.forwarding_score = v10
    self.is_edited = v11
    self.is_deleted = v12
    self.edited_message_id = v13
    self.deleted_message_id = v14
    self.quoted_message = v15
    self._raw = o
    self.type_message = _default17
    self.poll_message_data = v18
    self.poll_creation_message = v19
    self.__class__ = _cls
    return self


def _572e6542d69b525f2d39415b(o, _):
    if o.__class__ is not dict: raise _Miss
    left = len(o) - 0
    if left == 4:
        try:
            v0 = o['stanzaId']
            v1 = o['name']
            v2 = o['votes']
            v3 = o['multipleAnswers']
        except KeyError:
            pass
        else:
            if v0.__class__ is not _type0 and v0 is not None: raise _Miss
            if v1.__class__ is not _type1 and v1 is not None: raise _Miss
            v2 = _hook2(v2, _type2)
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            self = _builder()
            self.stanza_id = v0
            self.name = v1
            self.votes = v2
            self.multiple_answers = v3
            self.__class__ = _cls
            return self
    v0 = v1 = v3 = None
    v2 = _default2
    if left:
        v0 = o.get('stanzaId')
        if v0 is not None:
            left -= 1
            if v0.__class__ is not _type0: raise _Miss
        if left:
            v1 = o.get('name')
            if v1 is not None:
                left -= 1
                if v1.__class__ is not _type1: raise _Miss
            if left:
                v2 = o.get('votes', _default2)
                if v2 is not _default2:
                    left -= 1
                    v2 = _hook2(v2, _type2)
                if left:
                    v3 = o.get('multipleAnswers')
                    if v3 is not None:
                        left -= 1
                        if v3.__class__ is not _type3: raise _Miss
    self = _builder()
    self.stanza_id = v0
    self.name = v1
    self.votes = v2
    self.multiple_answers = v3
    self.__class__ = _cls
    return self


def _660a7c68fa4715d5bc915abd(o, _):
    v0 = o['idMessage']
    if v0.__class__ is not _type0: raise _Miss
    v1 = o['timestamp']
    if v1.__class__ is not int or not 0 <= v1 <= 253402300799: raise _Miss
    v2 = o['chatId']
    if v2.__class__ is not _type2: raise _Miss
    left = len(o) - 3 - ('typeMessage' in o)
    if left == 4:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v18 = o['contact']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.contact = v18
            self.__class__ = _cls
            return self
    elif left == 8:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['contact']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.contact = v18
            self.__class__ = _cls
            return self
    elif left == 5:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v18 = o['contact']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.contact = v18
            self.__class__ = _cls
            return self
    elif left == 9:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['contact']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.contact = v18
            self.__class__ = _cls
            return self
    v3 = v4 = v5 = v18 = v6 = v7 = v8 = v11 = v12 = v13 = v14 = v9 = v10 = v15 = None
    if left:
        v3 = o.get('type')
        if v3 is not None:
            left -= 1
            if v3.__class__ is not _type3: raise _Miss
        if left:
            v4 = o.get('statusMessage')
            if v4 is not None:
                left -= 1
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if left:
                v5 = o.get('sendByApi')
                if v5 is not None:
                    left -= 1
                    if v5.__class__ is not _type5: raise _Miss
                if left:
                    v18 = o.get('contact')
                    if v18 is not None:
                        left -= 1
                        v18 = _hook18(v18, _type18)
    if left:
        v6 = o.get('senderId')
        if v6 is not None:
            left -= 1
            if v6.__class__ is not _type6: raise _Miss
        if left:
            v7 = o.get('senderName')
            if v7 is not None:
                left -= 1
                if v7.__class__ is not _type7: raise _Miss
            if left:
                v8 = o.get('senderContactName')
                if v8 is not None:
                    left -= 1
                    if v8.__class__ is not _type8: raise _Miss
                if left:
                    v11 = o.get('isEdited')
                    if v11 is not None:
                        left -= 1
                        if v11.__class__ is not _type11: raise _Miss
                    if left:
                        v12 = o.get('isDeleted')
                        if v12 is not None:
                            left -= 1
                            if v12.__class__ is not _type12: raise _Miss
                        if left:
                            v13 = o.get('editedMessageId')
                            if v13 is not None:
                                left -= 1
                                if v13.__class__ is not _type13: raise _Miss
                            if left:
                                v14 = o.get('deletedMessageId')
                                if v14 is not None:
                                    left -= 1
                                    if v14.__class__ is not _type14: raise _Miss
    if left:
        if 'isForwarded' in o:
            v9 = o['isForwarded']
            left -= 1
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
        if left:
            if 'forwardingScore' in o:
                v10 = o['forwardingScore']
                left -= 1
                if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if left:
                if 'quotedMessage' in o:
                    v15 = o['quotedMessage']
                    left -= 1
                    if v15 is not None: v15 = _hook15(v15, _type15)
    self = _builder()
    self.id_message = v0
    self.timestamp = v1
    self.chat_id = v2
    self.type = v3
    self.status_message = v4
    self.send_by_api = v5
    self.sender_id = v6
    self.sender_name = v7
    self.sender_contact_name = v8
    self.is_forwarded = v9
    self.forwarding_score = v10
    self.is_edited = v11
    self.is_deleted = v12
    self.edited_message_id = v13
    self.deleted_message_id = v14
    self.quoted_message = v15
    self._raw = o
    self.type_message = _default17
    self.contact = v18
    self.__class__ = _cls
    return self


def _6893ab800ca073091d1aede4(o, _):
    v0 = o['idMessage']
    if v0.__class__ is not _type0: raise _Miss
    v1 = o['timestamp']
    if v1.__class__ is not int or not 0 <= v1 <= 253402300799: raise _Miss
    v2 = o['chatId']
    if v2.__class__ is not _type2: raise _Miss
    left = len(o) - 3 - ('typeMessage' in o)
    if left == 4:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v18 = o['deletedMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.deleted_message_data = v18
            self.__class__ = _cls
            return self
    elif left == 8:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['deletedMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.deleted_message_data = v18
            self.__class__ = _cls
            return self
    elif left == 5:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v18 = o['deletedMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.deleted_message_data = v18
            self.__class__ = _cls
            return self
    elif left == 9:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['deletedMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.deleted_message_data = v18
            self.__class__ = _cls
            return self
    v3 = v4 = v5 = v18 = v6 = v7 = v8 = v11 = v12 = v13 = v14 = v9 = v10 = v15 = None
    if left:
        v3 = o.get('type')
        if v3 is not None:
            left -= 1
            if v3.__class__ is not _type3: raise _Miss
        if left:
            v4 = o.get('statusMessage')
            if v4 is not None:
                left -= 1
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if left:
                v5 = o.get('sendByApi')
                if v5 is not None:
                    left -= 1
                    if v5.__class__ is not _type5: raise _Miss
                if left:
                    v18 = o.get('deletedMessageData')
                    if v18 is not None:
                        left -= 1
                        v18 = _hook18(v18, _type18)
    if left:
        v6 = o.get('senderId')
        if v6 is not None:
            left -= 1
            if v6.__class__ is not _type6: raise _Miss
        if left:
            v7 = o.get('senderName')
            if v7 is not None:
                left -= 1
                if v7.__class__ is not _type7: raise _Miss
            if left:
                v8 = o.get('senderContactName')
                if v8 is not None:
                    left -= 1
                    if v8.__class__ is not _type8: raise _Miss
                if left:
                    v11 = o.get('isEdited')
                    if v11 is not None:
                        left -= 1
                        if v11.__class__ is not _type11: raise _Miss
                    if left:
                        v12 = o.get('isDeleted')
                        if v12 is not None:
                            left -= 1
                            if v12.__class__ is not _type12: raise _Miss
                        if left:
                            v13 = o.get('editedMessageId')
                            if v13 is not None:
                                left -= 1
                                if v13.__class__ is not _type13: raise _Miss
                            if left:
                                v14 = o.get('deletedMessageId')
                                if v14 is not None:
                                    left -= 1
                                    if v14.__class__ is not _type14: raise _Miss
    if left:
        if 'isForwarded' in o:
            v9 = o['isForwarded']
            left -= 1
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
        if left:
            if 'forwardingScore' in o:
                v10 = o['forwardingScore']
                left -= 1
                if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if left:
                if 'quotedMessage' in o:
                    v15 = o['quotedMessage']
                    left -= 1
                    if v15 is not None: v15 = _hook15(v15, _type15)
    self = _builder()
    self.id_message = v0
    self.timestamp = v1
    self.chat_id = v2
    self.type = v3
    self.status_message = v4
    self.send_by_api = v5
    self.sender_id = v6
    self.sender_name = v7
    self.sender_contact_name = v8
    self.is_forwarded = v9
    self.forwarding_score = v10
    self.is_edited = v11
    self.is_deleted = v12
    self.edited_message_id = v13
    self.deleted_message_id = v14
    self.quoted_message = v15
    self._raw = o
    self.type_message = _default17
    self.deleted_message_data = v18
    self.__class__ = _cls
    return self


def _6fd502e5ba6248cc66640fbb(o, _):
    if o.__class__ is not dict: raise _Miss
    left = len(o) - 0
    if left == 3:
        try:
            v0 = o['stanzaId']
            v1 = o['participant']
            v2 = o['typeMessage']
        except KeyError:
            pass
        else:
            if v0.__class__ is not _type0 and v0 is not None: raise _Miss
            if v1.__class__ is not _type1 and v1 is not None: raise _Miss
            if v2.__class__ is not _type2 and v2 is not None: raise _Miss
            self = _builder()
            self.stanza_id = v0
            self.participant = v1
            self.type_message = v2
            self._raw = o
            self.__class__ = _cls
            return self
    v0 = v1 = v2 = None
    if left:
        v0 = o.get('stanzaId')
        if v0 is not None:
            left -= 1
            if v0.__class__ is not _type0: raise _Miss
        if left:
            v1 = o.get('participant')
            if v1 is not None:
                left -= 1
                if v1.__class__ is not _type1: raise _Miss
            if left:
                v2 = o.get('typeMessage')
                if v2 is not None:
                    left -= 1
                    if v2.__class__ is not _type2: raise _Miss
    self = _builder()
    self.stanza_id = v0
    self.participant = v1
    self.type_message = v2
    self._raw = o
    self.__class__ = _cls
    return self


def _7188bedc9727eb0ef257f25d(o, _):
    v0 = o['idMessage']
    if v0.__class__ is not _type0: raise _Miss
    v1 = o['timestamp']
    if v1.__class__ is not int or not 0 <= v1 <= 253402300799: raise _Miss
    v2 = o['chatId']
    if v2.__class__ is not _type2: raise _Miss
    left = len(o) - 3 - ('typeMessage' in o)
    if left == 7:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v17 = o['downloadUrl']
            v18 = o['caption']
            v19 = o['fileName']
            v20 = o['mimeType']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v17.__class__ is not _type17 and v17 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19.__class__ is not _type19 and v19 is not None: raise _Miss
            if v20.__class__ is not _type20 and v20 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.download_url = v17
            self.caption = v18
            self.file_name = v19
            self.mime_type = v20
            self.jpeg_thumbnail = None
            self.is_animated = None
            self.video_note = None
            self.type_message = _default24
            self.__class__ = _cls
            return self
    elif left == 11:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v17 = o['downloadUrl']
            v18 = o['caption']
            v19 = o['fileName']
            v20 = o['mimeType']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v17.__class__ is not _type17 and v17 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19.__class__ is not _type19 and v19 is not None: raise _Miss
            if v20.__class__ is not _type20 and v20 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.download_url = v17
            self.caption = v18
            self.file_name = v19
            self.mime_type = v20
            self.jpeg_thumbnail = None
            self.is_animated = None
            self.video_note = None
            self.type_message = _default24
            self.__class__ = _cls
            return self
    elif left == 8:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v17 = o['downloadUrl']
            v18 = o['caption']
            v19 = o['fileName']
            v20 = o['mimeType']
            v21 = o['jpegThumbnail']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v17.__class__ is not _type17 and v17 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19.__class__ is not _type19 and v19 is not None: raise _Miss
            if v20.__class__ is not _type20 and v20 is not None: raise _Miss
            if v21.__class__ is not _type21 and v21 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.download_url = v17
            self.caption = v18
            self.file_name = v19
            self.mime_type = v20
            self.jpeg_thumbnail = v21
            self.is_animated = None
            self.video_note = None
            self.type_message = _default24
            self.__class__ = _cls
            return self
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v17 = o['downloadUrl']
            v18 = o['caption']
            v19 = o['fileName']
            v20 = o['mimeType']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v17.__class__ is not _type17 and v17 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19.__class__ is not _type19 and v19 is not None: raise _Miss
            if v20.__class__ is not _type20 and v20 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.download_url = v17
            self.caption = v18
            self.file_name = v19
            self.mime_type = v20
            self.jpeg_thumbnail = None
            self.is_animated = None
            self.video_note = None
            self.type_message = _default24
            self.__class__ = _cls
            return self
    elif left == 12:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v17 = o['downloadUrl']
            v18 = o['caption']
            v19 = o['fileName']
            v20 = o['mimeType']
            v21 = o['jpegThumbnail']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v17.__class__ is not _type17 and v17 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19.__class__ is not _type19 and v19 is not None: raise _Miss
            if v20.__class__ is not _type20 and v20 is not None: raise _Miss
            if v21.__class__ is not _type21 and v21 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.download_url = v17
            self.caption = v18
            self.file_name = v19
            self.mime_type = v20
            self.jpeg_thumbnail = v21
            self.is_animated = None
            self.video_note = None
            self.type_message = _default24
            self.__class__ = _cls
            return self
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v17 = o['downloadUrl']
            v18 = o['caption']
            v19 = o['fileName']
            v20 = o['mimeType']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v17.__class__ is not _type17 and v17 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19.__class__ is not _type19 and v19 is not None: raise _Miss
            if v20.__class__ is not _type20 and v20 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.download_url = v17
            self.caption = v18
            self.file_name = v19
            self.mime_type = v20
            self.jpeg_thumbnail = None
            self.is_animated = None
            self.video_note = None
            self.type_message = _default24
            self.__class__ = _cls
            return self
    elif left == 14:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v9 = o['isForwarded']
            v10 = o['forwardingScore']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v17 = o['downloadUrl']
            v18 = o['caption']
            v19 = o['fileName']
            v20 = o['mimeType']
            v21 = o['jpegThumbnail']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
            if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v17.__class__ is not _type17 and v17 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19.__class__ is not _type19 and v19 is not None: raise _Miss
            if v20.__class__ is not _type20 and v20 is not None: raise _Miss
            if v21.__class__ is not _type21 and v21 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = v9
            self.forwarding_score = v10
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.download_url = v17
            self.caption = v18
            self.file_name = v19
            self.mime_type = v20
            self.jpeg_thumbnail = v21
            self.is_animated = None
            self.video_note = None
            self.type_message = _default24
            self.__class__ = _cls
            return self
    elif left == 9:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v17 = o['downloadUrl']
            v18 = o['caption']
            v19 = o['fileName']
            v20 = o['mimeType']
            v21 = o['jpegThumbnail']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v17.__class__ is not _type17 and v17 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19.__class__ is not _type19 and v19 is not None: raise _Miss
            if v20.__class__ is not _type20 and v20 is not None: raise _Miss
            if v21.__class__ is not _type21 and v21 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.download_url = v17
            self.caption = v18
            self.file_name = v19
            self.mime_type = v20
            self.jpeg_thumbnail = v21
            self.is_animated = None
            self.video_note = None
            self.type_message = _default24
            self.__class__ = _cls
            return self
    elif left == 13:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v17 = o['downloadUrl']
            v18 = o['caption']
            v19 = o['fileName']
            v20 = o['mimeType']
            v21 = o['jpegThumbnail']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v17.__class__ is not _type17 and v17 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19.__class__ is not _type19 and v19 is not None: raise _Miss
            if v20.__class__ is not _type20 and v20 is not None: raise _Miss
            if v21.__class__ is not _type21 and v21 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.download_url = v17
            self.caption = v18
            self.file_name = v19
            self.mime_type = v20
            self.jpeg_thumbnail = v21
            self.is_animated = None
            self.video_note = None
            self.type_message = _default24
            self.__class__ = _cls
            return self
    elif left == 15:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v9 = o['isForwarded']
            v10 = o['forwardingScore']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v17 = o['downloadUrl']
            v18 = o['caption']
            v19 = o['fileName']
            v20 = o['mimeType']
            v21 = o['jpegThumbnail']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
            if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v17.__class__ is not _type17 and v17 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19.__class__ is not _type19 and v19 is not None: raise _Miss
            if v20.__class__ is not _type20 and v20 is not None: raise _Miss
            if v21.__class__ is not _type21 and v21 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = v9
            self.forwarding_score = v10
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.download_url = v17
            self.caption = v18
            self.file_name = v19
            self.mime_type = v20
            self.jpeg_thumbnail = v21
            self.is_animated = None
            self.video_note = None
            self.type_message = _default24
            self.__class__ = _cls
            return self
    v3 = v4 = v5 = v17 = v18 = v19 = v20 = v6 = v7 = v8 = v11 = v12 = v13 = v14 = v21 = v22 = v23 = v9 = v10 = v15 = None
    if left:
        v3 = o.get('type')
        if v3 is not None:
            left -= 1
            if v3.__class__ is not _type3: raise _Miss
        if left:
            v4 = o.get('statusMessage')
            if v4 is not None:
                left -= 1
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if left:
                v5 = o.get('sendByApi')
                if v5 is not None:
                    left -= 1
                    if v5.__class__ is not _type5: raise _Miss
                if left:
                    v17 = o.get('downloadUrl')
                    if v17 is not None:
                        left -= 1
                        if v17.__class__ is not _type17: raise _Miss
                    if left:
                        v18 = o.get('caption')
                        if v18 is not None:
                            left -= 1
                            if v18.__class__ is not _type18: raise _Miss
                        if left:
                            v19 = o.get('fileName')
                            if v19 is not None:
                                left -= 1
                                if v19.__class__ is not _type19: raise _Miss
                            if left:
                                v20 = o.get('mimeType')
                                if v20 is not None:
                                    left -= 1
                                    if v20.__class__ is not _type20: raise _Miss
    if left:
        v6 = o.get('senderId')
        if v6 is not None:
            left -= 1
            if v6.__class__ is not _type6: raise _Miss
        if left:
            v7 = o.get('senderName')
            if v7 is not None:
                left -= 1
                if v7.__class__ is not _type7: raise _Miss
            if left:
                v8 = o.get('senderContactName')
                if v8 is not None:
                    left -= 1
                    if v8.__class__ is not _type8: raise _Miss
                if left:
                    v11 = o.get('isEdited')
                    if v11 is not None:
                        left -= 1
                        if v11.__class__ is not _type11: raise _Miss
                    if left:
                        v12 = o.get('isDeleted')
                        if v12 is not None:
                            left -= 1
                            if v12.__class__ is not _type12: raise _Miss
                        if left:
                            v13 = o.get('editedMessageId')
                            if v13 is not None:
                                left -= 1
                                if v13.__class__ is not _type13: raise _Miss
                            if left:
                                v14 = o.get('deletedMessageId')
                                if v14 is not None:
                                    left -= 1
                                    if v14.__class__ is not _type14: raise _Miss
                                if left:
                                    v21 = o.get('jpegThumbnail')
                                    if v21 is not None:
                                        left -= 1
                                        if v21.__class__ is not _type21: raise _Miss
                                    if left:
                                        v22 = o.get('isAnimated')
                                        if v22 is not None:
                                            left -= 1
                                            if v22.__class__ is not _type22: raise _Miss
                                        if left:
                                            v23 = o.get('videoNote')
                                            if v23 is not None:
                                                left -= 1
                                                if v23.__class__ is not _type23: raise _Miss
    if left:
        if 'isForwarded' in o:
            v9 = o['isForwarded']
            left -= 1
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
        if left:
            if 'forwardingScore' in o:
                v10 = o['forwardingScore']
                left -= 1
                if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if left:
                if 'quotedMessage' in o:
                    v15 = o['quotedMessage']
                    left -= 1
                    if v15 is not None: v15 = _hook15(v15, _type15)
    self = _builder()
    self.id_message = v0
    self.timestamp = v1
    self.chat_id = v2
    self.type = v3
    self.status_message = v4
    self.send_by_api = v5
    self.sender_id = v6
    self.sender_name = v7
    self.sender_contact_name = v8
    self.is_forwarded = v9
    self.forwarding_score = v10
    self.is_edited = v11
    self.is_deleted = v12
    self.edited_message_id = v13
    self.deleted_message_id = v14
    self.quoted_message = v15
    self._raw = o
    self.download_url = v17
    self.caption = v18
    self.file_name = v19
    self.mime_type = v20
    self.jpeg_thumbnail = v21
    self.is_animated = v22
    self.video_note = v23
    self.type_message = _default24
    self.__class__ = _cls
    return self


def _780d2e057c2ad292d2f45703(o, _):
    if o.__class__ is not dict: raise _Miss
    v0 = o['optionName']
    if v0.__class__ is not _type0: raise _Miss
    left = len(o) - 1
    if left == 1:
        try:
            v1 = o['optionVoters']
        except KeyError:
            pass
        else:
            v1 = _hook1(v1, _type1)
            self = _builder()
            self.option_name = v0
            self.option_voters = v1
            self.__class__ = _cls
            return self
    v1 = _default1
    if left:
        v1 = o.get('optionVoters', _default1)
        if v1 is not _default1:
            left -= 1
            v1 = _hook1(v1, _type1)
    self = _builder()
    self.option_name = v0
    self.option_voters = v1
    self.__class__ = _cls
    return self


def _a1b4c36898ec38a3e6044a49(o, _):
    if o.__class__ is not dict: raise _Miss
    left = len(o) - 0
    if left == 5:
        try:
            v0 = o['nameLocation']
            v1 = o['address']
            v2 = o['latitude']
            v3 = o['longitude']
            v4 = o['jpegThumbnail']
        except KeyError:
            pass
        else:
            if v0.__class__ is not _type0 and v0 is not None: raise _Miss
            if v1.__class__ is not _type1 and v1 is not None: raise _Miss
            if v2.__class__ is not float and v2 is not None: v2 = _int_as_float(v2)
            if v3.__class__ is not float and v3 is not None: v3 = _int_as_float(v3)
            if v4.__class__ is not _type4 and v4 is not None: raise _Miss
            self = _builder()
            self.name_location = v0
            self.address = v1
            self.latitude = v2
            self.longitude = v3
            self.jpeg_thumbnail = v4
            self.is_forwarded = None
            self.forwarding_score = None
            self.__class__ = _cls
            return self
    elif left == 7:
        try:
            v0 = o['nameLocation']
            v1 = o['address']
            v2 = o['latitude']
            v3 = o['longitude']
            v4 = o['jpegThumbnail']
            v5 = o['isForwarded']
            v6 = o['forwardingScore']
        except KeyError:
            pass
        else:
            if v0.__class__ is not _type0 and v0 is not None: raise _Miss
            if v1.__class__ is not _type1 and v1 is not None: raise _Miss
            if v2.__class__ is not float and v2 is not None: v2 = _int_as_float(v2)
            if v3.__class__ is not float and v3 is not None: v3 = _int_as_float(v3)
            if v4.__class__ is not _type4 and v4 is not None: raise _Miss
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            self = _builder()
            self.name_location = v0
            self.address = v1
            self.latitude = v2
            self.longitude = v3
            self.jpeg_thumbnail = v4
            self.is_forwarded = v5
            self.forwarding_score = v6
            self.__class__ = _cls
            return self
    v0 = v1 = v2 = v3 = v4 = v5 = v6 = None
    if left:
        v0 = o.get('nameLocation')
        if v0 is not None:
            left -= 1
            if v0.__class__ is not _type0: raise _Miss
        if left:
            v1 = o.get('address')
            if v1 is not None:
                left -= 1
                if v1.__class__ is not _type1: raise _Miss
            if left:
                v2 = o.get('latitude')
                if v2 is not None:
                    left -= 1
                    if v2.__class__ is not float: v2 = _int_as_float(v2)
                if left:
                    v3 = o.get('longitude')
                    if v3 is not None:
                        left -= 1
                        if v3.__class__ is not float: v3 = _int_as_float(v3)
                    if left:
                        v4 = o.get('jpegThumbnail')
                        if v4 is not None:
                            left -= 1
                            if v4.__class__ is not _type4: raise _Miss
    if left:
        v5 = o.get('isForwarded')
        if v5 is not None:
            left -= 1
            if v5.__class__ is not _type5: raise _Miss
        if left:
            v6 = o.get('forwardingScore')
            if v6 is not None:
                left -= 1
                if v6.__class__ is not _type6: raise _Miss
    self = _builder()
    self.name_location = v0
    self.address = v1
    self.latitude = v2
    self.longitude = v3
    self.jpeg_thumbnail = v4
    self.is_forwarded = v5
    self.forwarding_score = v6
    self.__class__ = _cls
    return self


def _a76e0ca7672718683fad7a41(o, _):
    v0 = o['idMessage']
    if v0.__class__ is not _type0: raise _Miss
    v1 = o['timestamp']
    if v1.__class__ is not int or not 0 <= v1 <= 253402300799: raise _Miss
    v2 = o['chatId']
    if v2.__class__ is not _type2: raise _Miss
    left = len(o) - 3 - ('typeMessage' in o)
    if left == 6:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v18 = o['textMessage']
            v19 = o['extendedTextMessage']
            v20 = o['extendedTextMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19 is not None: v19 = _hook19(v19, _type19)
            if v20 is not None: v20 = _hook20(v20, _type20)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.text_message = v18
            self.extended_text_message = v19
            self.extended_text_message_data = v20
            self.__class__ = _cls
            return self
    elif left == 10:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['textMessage']
            v19 = o['extendedTextMessage']
            v20 = o['extendedTextMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19 is not None: v19 = _hook19(v19, _type19)
            if v20 is not None: v20 = _hook20(v20, _type20)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.text_message = v18
            self.extended_text_message = v19
            self.extended_text_message_data = v20
            self.__class__ = _cls
            return self
    elif left == 7:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v18 = o['textMessage']
            v19 = o['extendedTextMessage']
            v20 = o['extendedTextMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19 is not None: v19 = _hook19(v19, _type19)
            if v20 is not None: v20 = _hook20(v20, _type20)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.text_message = v18
            self.extended_text_message = v19
            self.extended_text_message_data = v20
            self.__class__ = _cls
            return self
    elif left == 11:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['textMessage']
            v19 = o['extendedTextMessage']
            v20 = o['extendedTextMessageData']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19 is not None: v19 = _hook19(v19, _type19)
            if v20 is not None: v20 = _hook20(v20, _type20)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.text_message = v18
            self.extended_text_message = v19
            self.extended_text_message_data = v20
            self.__class__ = _cls
            return self
    v3 = v4 = v5 = v18 = v19 = v20 = v6 = v7 = v8 = v11 = v12 = v13 = v14 = v9 = v10 = v15 = None
    if left:
        v3 = o.get('type')
        if v3 is not None:
            left -= 1
            if v3.__class__ is not _type3: raise _Miss
        if left:
            v4 = o.get('statusMessage')
            if v4 is not None:
                left -= 1
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if left:
                v5 = o.get('sendByApi')
                if v5 is not None:
                    left -= 1
                    if v5.__class__ is not _type5: raise _Miss
                if left:
                    v18 = o.get('textMessage')
                    if v18 is not None:
                        left -= 1
                        if v18.__class__ is not _type18: raise _Miss
                    if left:
                        v19 = o.get('extendedTextMessage')
                        if v19 is not None:
                            left -= 1
                            v19 = _hook19(v19, _type19)
                        if left:
                            v20 = o.get('extendedTextMessageData')
                            if v20 is not None:
                                left -= 1
                                v20 = _hook20(v20, _type20)
    if left:
        v6 = o.get('senderId')
        if v6 is not None:
            left -= 1
            if v6.__class__ is not _type6: raise _Miss
        if left:
            v7 = o.get('senderName')
            if v7 is not None:
                left -= 1
                if v7.__class__ is not _type7: raise _Miss
            if left:
                v8 = o.get('senderContactName')
                if v8 is not None:
                    left -= 1
                    if v8.__class__ is not _type8: raise _Miss
                if left:
                    v11 = o.get('isEdited')
                    if v11 is not None:
                        left -= 1
                        if v11.__class__ is not _type11: raise _Miss
                    if left:
                        v12 = o.get('isDeleted')
                        if v12 is not None:
                            left -= 1
                            if v12.__class__ is not _type12: raise _Miss
                        if left:
                            v13 = o.get('editedMessageId')
                            if v13 is not None:
                                left -= 1
                                if v13.__class__ is not _type13: raise _Miss
                            if left:
                                v14 = o.get('deletedMessageId')
                                if v14 is not None:
                                    left -= 1
                                    if v14.__class__ is not _type14: raise _Miss
    if left:
        if 'isForwarded' in o:
            v9 = o['isForwarded']
            left -= 1
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
        if left:
            if 'forwardingScore' in o:
                v10 = o['forwardingScore']
                left -= 1
                if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if left:
                if 'quotedMessage' in o:
                    v15 = o['quotedMessage']
                    left -= 1
                    if v15 is not None: v15 = _hook15(v15, _type15)
    self = _builder()
    self.id_message = v0
    self.timestamp = v1
    self.chat_id = v2
    self.type = v3
    self.status_message = v4
    self.send_by_api = v5
    self.sender_id = v6
    self.sender_name = v7
    self.sender_contact_name = v8
    self.is_forwarded = v9
    self.forwarding_score = v10
    self.is_edited = v11
    self.is_deleted = v12
    self.edited_message_id = v13
    self.deleted_message_id = v14
    self.quoted_message = v15
    self._raw = o
    self.type_message = _default17
    self.text_message = v18
    self.extended_text_message = v19
    self.extended_text_message_data = v20
    self.__class__ = _cls
    return self


def _b5926a4ab9d60dc3f6f10e9f(o, _):
    if o.__class__ is not dict: raise _Miss
    left = len(o) - 0
    if left == 3:
        try:
            v0 = o['name']
            v1 = o['options']
            v2 = o['multipleAnswers']
        except KeyError:
            pass
        else:
            if v0.__class__ is not _type0 and v0 is not None: raise _Miss
            v1 = _hook1(v1, _type1)
            if v2.__class__ is not _type2 and v2 is not None: raise _Miss
            self = _builder()
            self.name = v0
            self.options = v1
            self.multiple_answers = v2
            self.selectable_options_count = None
            self.__class__ = _cls
            return self
    v0 = v2 = v3 = None
    v1 = _default1
    if left:
        v0 = o.get('name')
        if v0 is not None:
            left -= 1
            if v0.__class__ is not _type0: raise _Miss
        if left:
            v1 = o.get('options', _default1)
            if v1 is not _default1:
                left -= 1
                v1 = _hook1(v1, _type1)
            if left:
                v2 = o.get('multipleAnswers')
                if v2 is not None:
                    left -= 1
                    if v2.__class__ is not _type2: raise _Miss
    if left:
        if 'selectableOptionsCount' in o:
            v3 = o['selectableOptionsCount']
            left -= 1
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
    self = _builder()
    self.name = v0
    self.options = v1
    self.multiple_answers = v2
    self.selectable_options_count = v3
    self.__class__ = _cls
    return self


def _c09108335cc3a9b2bd692d53(o, _):
    if o.__class__ is not dict: raise _Miss
    left = len(o) - 0
    if left == 2:
        try:
            v0 = o['textMessage']
            v1 = o['stanzaId']
        except KeyError:
            pass
        else:
            if v0.__class__ is not _type0 and v0 is not None: raise _Miss
            if v1.__class__ is not _type1 and v1 is not None: raise _Miss
            self = _builder()
            self.text_message = v0
            self.stanza_id = v1
            self.__class__ = _cls
            return self
    v0 = v1 = None
    if left:
        v0 = o.get('textMessage')
        if v0 is not None:
            left -= 1
            if v0.__class__ is not _type0: raise _Miss
        if left:
            v1 = o.get('stanzaId')
            if v1 is not None:
                left -= 1
                if v1.__class__ is not _type1: raise _Miss
    self = _builder()
    self.text_message = v0
    self.stanza_id = v1
    self.__class__ = _cls
    return self


def _c222cd517e898c696d55b834(o, _):
    v0 = o['idMessage']
    if v0.__class__ is not _type0: raise _Miss
    v1 = o['timestamp']
    if v1.__class__ is not int or not 0 <= v1 <= 253402300799: raise _Miss
    v2 = o['chatId']
    if v2.__class__ is not _type2: raise _Miss
    left = len(o) - 3 - ('typeMessage' in o)
    if left == 5:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v18 = o['textMessage']
            v19 = o['extendedTextMessage']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19 is not None: v19 = _hook19(v19, _type19)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.text_message = v18
            self.extended_text_message = v19
            self.__class__ = _cls
            return self
    elif left == 9:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['textMessage']
            v19 = o['extendedTextMessage']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19 is not None: v19 = _hook19(v19, _type19)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.text_message = v18
            self.extended_text_message = v19
            self.__class__ = _cls
            return self
    elif left == 6:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v18 = o['textMessage']
            v19 = o['extendedTextMessage']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19 is not None: v19 = _hook19(v19, _type19)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.text_message = v18
            self.extended_text_message = v19
            self.__class__ = _cls
            return self
    elif left == 10:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['textMessage']
            v19 = o['extendedTextMessage']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            if v19 is not None: v19 = _hook19(v19, _type19)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.text_message = v18
            self.extended_text_message = v19
            self.__class__ = _cls
            return self
    v3 = v4 = v5 = v18 = v19 = v6 = v7 = v8 = v11 = v12 = v13 = v14 = v9 = v10 = v15 = None
    if left:
        v3 = o.get('type')
        if v3 is not None:
            left -= 1
            if v3.__class__ is not _type3: raise _Miss
        if left:
            v4 = o.get('statusMessage')
            if v4 is not None:
                left -= 1
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if left:
                v5 = o.get('sendByApi')
                if v5 is not None:
                    left -= 1
                    if v5.__class__ is not _type5: raise _Miss
                if left:
                    v18 = o.get('textMessage')
                    if v18 is not None:
                        left -= 1
                        if v18.__class__ is not _type18: raise _Miss
                    if left:
                        v19 = o.get('extendedTextMessage')
                        if v19 is not None:
                            left -= 1
                            v19 = _hook19(v19, _type19)
    if left:
        v6 = o.get('senderId')
        if v6 is not None:
            left -= 1
            if v6.__class__ is not _type6: raise _Miss
        if left:
            v7 = o.get('senderName')
            if v7 is not None:
                left -= 1
                if v7.__class__ is not _type7: raise _Miss
            if left:
                v8 = o.get('senderContactName')
                if v8 is not None:
                    left -= 1
                    if v8.__class__ is not _type8: raise _Miss
                if left:
                    v11 = o.get('isEdited')
                    if v11 is not None:
                        left -= 1
                        if v11.__class__ is not _type11: raise _Miss
                    if left:
                        v12 = o.get('isDeleted')
                        if v12 is not None:
                            left -= 1
                            if v12.__class__ is not _type12: raise _Miss
                        if left:
                            v13 = o.get('editedMessageId')
                            if v13 is not None:
                                left -= 1
                                if v13.__class__ is not _type13: raise _Miss
                            if left:
                                v14 = o.get('deletedMessageId')
                                if v14 is not None:
                                    left -= 1
                                    if v14.__class__ is not _type14: raise _Miss
    if left:
        if 'isForwarded' in o:
            v9 = o['isForwarded']
            left -= 1
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
        if left:
            if 'forwardingScore' in o:
                v10 = o['forwardingScore']
                left -= 1
                if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if left:
                if 'quotedMessage' in o:
                    v15 = o['quotedMessage']
                    left -= 1
                    if v15 is not None: v15 = _hook15(v15, _type15)
    self = _builder()
    self.id_message = v0
    self.timestamp = v1
    self.chat_id = v2
    self.type = v3
    self.status_message = v4
    self.send_by_api = v5
    self.sender_id = v6
    self.sender_name = v7
    self.sender_contact_name = v8
    self.is_forwarded = v9
    self.forwarding_score = v10
    self.is_edited = v11
    self.is_deleted = v12
    self.edited_message_id = v13
    self.deleted_message_id = v14
    self.quoted_message = v15
    self._raw = o
    self.type_message = _default17
    self.text_message = v18
    self.extended_text_message = v19
    self.__class__ = _cls
    return self


def _cb83d87d207417036650f535(o, _):
    v0 = o['idMessage']
    if v0.__class__ is not _type0: raise _Miss
    v1 = o['timestamp']
    if v1.__class__ is not int or not 0 <= v1 <= 253402300799: raise _Miss
    v2 = o['chatId']
    if v2.__class__ is not _type2: raise _Miss
    left = len(o) - 3 - ('typeMessage' in o)
    if left == 4:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v18 = o['location']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.location = v18
            self.__class__ = _cls
            return self
    elif left == 8:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['location']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.location = v18
            self.__class__ = _cls
            return self
    elif left == 5:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v18 = o['location']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.location = v18
            self.__class__ = _cls
            return self
    elif left == 9:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['location']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18 is not None: v18 = _hook18(v18, _type18)
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.location = v18
            self.__class__ = _cls
            return self
    v3 = v4 = v5 = v18 = v6 = v7 = v8 = v11 = v12 = v13 = v14 = v9 = v10 = v15 = None
    if left:
        v3 = o.get('type')
        if v3 is not None:
            left -= 1
            if v3.__class__ is not _type3: raise _Miss
        if left:
            v4 = o.get('statusMessage')
            if v4 is not None:
                left -= 1
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if left:
                v5 = o.get('sendByApi')
                if v5 is not None:
                    left -= 1
                    if v5.__class__ is not _type5: raise _Miss
                if left:
                    v18 = o.get('location')
                    if v18 is not None:
                        left -= 1
                        v18 = _hook18(v18, _type18)
    if left:
        v6 = o.get('senderId')
        if v6 is not None:
            left -= 1
            if v6.__class__ is not _type6: raise _Miss
        if left:
            v7 = o.get('senderName')
            if v7 is not None:
                left -= 1
                if v7.__class__ is not _type7: raise _Miss
            if left:
                v8 = o.get('senderContactName')
                if v8 is not None:
                    left -= 1
                    if v8.__class__ is not _type8: raise _Miss
                if left:
                    v11 = o.get('isEdited')
                    if v11 is not None:
                        left -= 1
                        if v11.__class__ is not _type11: raise _Miss
                    if left:
                        v12 = o.get('isDeleted')
                        if v12 is not None:
                            left -= 1
                            if v12.__class__ is not _type12: raise _Miss
                        if left:
                            v13 = o.get('editedMessageId')
                            if v13 is not None:
                                left -= 1
                                if v13.__class__ is not _type13: raise _Miss
                            if left:
                                v14 = o.get('deletedMessageId')
                                if v14 is not None:
                                    left -= 1
                                    if v14.__class__ is not _type14: raise _Miss
    if left:
        if 'isForwarded' in o:
            v9 = o['isForwarded']
            left -= 1
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
        if left:
            if 'forwardingScore' in o:
                v10 = o['forwardingScore']
                left -= 1
                if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if left:
                if 'quotedMessage' in o:
                    v15 = o['quotedMessage']
                    left -= 1
                    if v15 is not None: v15 = _hook15(v15, _type15)
    self = _builder()
    self.id_message = v0
    self.timestamp = v1
    self.chat_id = v2
    self.type = v3
    self.status_message = v4
    self.send_by_api = v5
    self.sender_id = v6
    self.sender_name = v7
    self.sender_contact_name = v8
    self.is_forwarded = v9
    self.forwarding_score = v10
    self.is_edited = v11
    self.is_deleted = v12
    self.edited_message_id = v13
    self.deleted_message_id = v14
    self.quoted_message = v15
    self._raw = o
    self.type_message = _default17
    self.location = v18
    self.__class__ = _cls
    return self


def _d239b07006261f16727b47bc(o, _):
    if o.__class__ is not dict: raise _Miss
    v0 = o['optionName']
    if v0.__class__ is not _type0: raise _Miss
    self = _builder()
    self.option_name = v0
    self.__class__ = _cls
    return self


def _f5c273fb7e097f5395815410(o, _):
    v0 = o['idMessage']
    if v0.__class__ is not _type0: raise _Miss
    v1 = o['timestamp']
    if v1.__class__ is not int or not 0 <= v1 <= 253402300799: raise _Miss
    v2 = o['chatId']
    if v2.__class__ is not _type2: raise _Miss
    left = len(o) - 3 - ('typeMessage' in o)
    if left == 4:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v18 = o['textMessage']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.text_message = v18
            self.__class__ = _cls
            return self
    elif left == 8:
        try:
            v3 = o['type']
            v4 = o['statusMessage']
            v5 = o['sendByApi']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['textMessage']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v4 is not None:
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if v5.__class__ is not _type5 and v5 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = v4
            self.send_by_api = v5
            self.sender_id = None
            self.sender_name = None
            self.sender_contact_name = None
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.text_message = v18
            self.__class__ = _cls
            return self
    elif left == 5:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v18 = o['textMessage']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = None
            self.is_deleted = None
            self.edited_message_id = None
            self.deleted_message_id = None
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.text_message = v18
            self.__class__ = _cls
            return self
    elif left == 9:
        try:
            v3 = o['type']
            v6 = o['senderId']
            v7 = o['senderName']
            v8 = o['senderContactName']
            v11 = o['isEdited']
            v12 = o['isDeleted']
            v13 = o['editedMessageId']
            v14 = o['deletedMessageId']
            v18 = o['textMessage']
        except KeyError:
            pass
        else:
            if v3.__class__ is not _type3 and v3 is not None: raise _Miss
            if v6.__class__ is not _type6 and v6 is not None: raise _Miss
            if v7.__class__ is not _type7 and v7 is not None: raise _Miss
            if v8.__class__ is not _type8 and v8 is not None: raise _Miss
            if v11.__class__ is not _type11 and v11 is not None: raise _Miss
            if v12.__class__ is not _type12 and v12 is not None: raise _Miss
            if v13.__class__ is not _type13 and v13 is not None: raise _Miss
            if v14.__class__ is not _type14 and v14 is not None: raise _Miss
            if v18.__class__ is not _type18 and v18 is not None: raise _Miss
            self = _builder()
            self.id_message = v0
            self.timestamp = v1
            self.chat_id = v2
            self.type = v3
            self.status_message = None
            self.send_by_api = None
            self.sender_id = v6
            self.sender_name = v7
            self.sender_contact_name = v8
            self.is_forwarded = None
            self.forwarding_score = None
            self.is_edited = v11
            self.is_deleted = v12
            self.edited_message_id = v13
            self.deleted_message_id = v14
            self.quoted_message = None
            self._raw = o
            self.type_message = _default17
            self.text_message = v18
            self.__class__ = _cls
            return self
    v3 = v4 = v5 = v18 = v6 = v7 = v8 = v11 = v12 = v13 = v14 = v9 = v10 = v15 = None
    if left:
        v3 = o.get('type')
        if v3 is not None:
            left -= 1
            if v3.__class__ is not _type3: raise _Miss
        if left:
            v4 = o.get('statusMessage')
            if v4 is not None:
                left -= 1
                if v4.__class__ is not str: raise _Miss
                v4 = _lookup4.get(v4, v4)
            if left:
                v5 = o.get('sendByApi')
                if v5 is not None:
                    left -= 1
                    if v5.__class__ is not _type5: raise _Miss
                if left:
                    v18 = o.get('textMessage')
                    if v18 is not None:
                        left -= 1
                        if v18.__class__ is not _type18: raise _Miss
    if left:
        v6 = o.get('senderId')
        if v6 is not None:
            left -= 1
            if v6.__class__ is not _type6: raise _Miss
        if left:
            v7 = o.get('senderName')
            if v7 is not None:
                left -= 1
                if v7.__class__ is not _type7: raise _Miss
            if left:
                v8 = o.get('senderContactName')
                if v8 is not None:
                    left -= 1
                    if v8.__class__ is not _type8: raise _Miss
                if left:
                    v11 = o.get('isEdited')
                    if v11 is not None:
                        left -= 1
                        if v11.__class__ is not _type11: raise _Miss
                    if left:
                        v12 = o.get('isDeleted')
                        if v12 is not None:
                            left -= 1
                            if v12.__class__ is not _type12: raise _Miss
                        if left:
                            v13 = o.get('editedMessageId')
                            if v13 is not None:
                                left -= 1
                                if v13.__class__ is not _type13: raise _Miss
                            if left:
                                v14 = o.get('deletedMessageId')
                                if v14 is not None:
                                    left -= 1
                                    if v14.__class__ is not _type14: raise _Miss
    if left:
        if 'isForwarded' in o:
            v9 = o['isForwarded']
            left -= 1
            if v9.__class__ is not _type9 and v9 is not None: raise _Miss
        if left:
            if 'forwardingScore' in o:
                v10 = o['forwardingScore']
                left -= 1
                if v10.__class__ is not _type10 and v10 is not None: raise _Miss
            if left:
                if 'quotedMessage' in o:
                    v15 = o['quotedMessage']
                    left -= 1
                    if v15 is not None: v15 = _hook15(v15, _type15)
    self = _builder()
    self.id_message = v0
    self.timestamp = v1
    self.chat_id = v2
    self.type = v3
    self.status_message = v4
    self.send_by_api = v5
    self.sender_id = v6
    self.sender_name = v7
    self.sender_contact_name = v8
    self.is_forwarded = v9
    self.forwarding_score = v10
    self.is_edited = v11
    self.is_deleted = v12
    self.edited_message_id = v13
    self.deleted_message_id = v14
    self.quoted_message = v15
    self._raw = o
    self.type_message = _default17
    self.text_message = v18
    self.__class__ = _cls
    return self
