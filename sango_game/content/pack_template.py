"""What ``sango-game pack new NAME`` writes: a pack that passes ``sango-game check`` as it is, with
one example quiz and one example story to copy and change."""

from __future__ import annotations

MANIFEST = '''id = "{id}"
name = "{name}"
version = "0.1.0"
country = "{country}"           # two-letter country code
languages = ["en"]              # add the languages you translate the pack into
author = "Your name or school"
licence = "CC-BY-4.0"

# The local child helpline, shown after levels about getting help (never in level text).
# [[helplines]]
# name = "Child Helpline"
# number = "116 111"
# hours = "24/7"
# languages = ["en"]

# A topic of the pack's own (levels may also use the game's topics, see levels/topics.yaml).
[[topics]]
id = "local-help"
bands = ["9-12"]
icon = "getting-help"
title = "Help near you"
summary = "Who can help where you live."
'''

QUIZ = '''# yaml-language-server: $schema=../../level.schema.json
id: example-quiz
kind: quiz
band: "9-12"
topic: getting-help
order: 10
title: Who can I tell?
goal: I know who I can tell when something online worries me.
intro: Everyone needs help sometimes. Let's practise asking for it!
mood: waving
discussion:
  - Who are the trusted adults in your life?
questions:
  - id: q1
    type: single
    prompt: A message online makes you feel worried. What is a good first step?
    choices:
      - {id: a, text: Tell a trusted adult, correct: true}
      - id: b
        text: Keep it a secret
        feedback: Secrets that worry you are OK to share. A trusted adult can help.
    explain: Telling a trusted adult is brave and smart. It is never your fault.
  - id: q2
    type: true_false
    prompt: You can ask for help even if you broke a rule.
    answer: true
    feedback: Yes! Adults who care about you want to help, whatever happened.
    explain: It is never too late to ask for help.
  - id: q3
    type: single
    prompt: Your first trusted adult is busy. What can you do?
    choices:
      - {id: a, text: Try another trusted adult, correct: true}
      - id: b
        text: Give up and say nothing
        feedback: Keep trying. Another trusted adult can help you.
    explain: It is good to have more than one trusted adult.
  - id: q4
    type: multi
    prompt: Who could be a trusted adult? Pick all that apply.
    choices:
      - {id: a, text: A parent or carer, correct: true}
      - {id: b, text: A teacher, correct: true}
      - id: c
        text: Someone you only know from a game
        feedback: You can't be sure who they really are. Choose someone you know in real life.
    explain: Trusted adults are people you know in real life who keep you safe.
'''

STORY = '''# yaml-language-server: $schema=../../level.schema.json
id: example-story
kind: scenario
band: "9-12"
topic: local-help
order: 1
title: Amani asks for help
goal: I can tell a trusted adult when something online upsets me.
intro: Amani sees something in a group chat that makes her sad. Let's help her choose what to do.
mood: thinking
discussion:
  - How could Amani start talking to her teacher?
characters:
  - id: amani
    name: Amani
start: chat
nodes:
  - id: chat
    speaker: amani
    text: Someone in the class chat posted a mean joke about me. What should I do?
    choices:
      - id: tell
        text: Show the message to a trusted adult.
        quality: good
        consequence: Her teacher listens and helps. Amani feels lighter already.
        next: good-end
      - id: reply
        text: Send a mean joke back.
        quality: risky
        consequence: The chat gets worse, and Amani feels even sadder.
        next: try-again
  - id: try-again
    speaker: sango
    mood: thinking
    text: That did not help. You can still ask a trusted adult. Shall we?
    choices:
      - id: ask
        text: Yes, tell a trusted adult.
        quality: good
        consequence: Her teacher helps, and the mean messages stop.
        next: good-end
      - id: wait
        text: Wait and see if it stops.
        quality: okay
        consequence: The jokes go on for a while. Asking for help is still a good idea.
        next: good-end
  - id: good-end
    ending: good
    text: Amani asked for help, and things got better.
    lesson: Telling a trusted adult is brave. What happened was not your fault.
'''

README = '''# {name}

A content pack for Sango. Check it with `sango-game check .`, translate it with
`sango-game i18n update --root .` (then fill in `locales/<lang>/LC_MESSAGES/messages.po`), and
zip the folder to share it. See "Levels and packs" in Sango's README.
'''
