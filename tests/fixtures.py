"""A small but complete roadmap site used by the site tests."""

GOAL = """
---
kind: goal
id: users
title: "50k users <script>alert('xss')</script>"
owner: Growth team
metric: new users
target: 50000
baseline: 10000
current: 20000
unit: users
deadline: 2027-09-30
---
Why this goal matters.
"""

CHILD_GOAL = """
---
kind: goal
id: china-users
title: 中国新用户
owner: 李娜
metric: new users in China
target: 8000
current: 2000
deadline: 2027-Q3
priority: supporting
parent: users
---
"""

ROADMAP = """
---
kind: roadmap
id: q1
title: Q1 growth
owner: Marta Rossi
type: campaign
start: 2027-Q1
end: 2027-Q1
goals: [users]
budget: 50000
milestones:
  - {title: Kick-off, date: 2027-01-05, done: true}
  - {title: Mid-quarter review, date: 2027-02-22}
---
Weekly review on Mondays.
"""

SPRING = """
---
kind: campaign
id: spring
title: Spring launch
owner: Marta Rossi
roadmap: q1
start: 2027-02
end: 2027-03-15
goals: [users, china-users]
channels: [social, email]
teams: [design, web]
status: at-risk
progress: 40
budget: {amount: 40000, spent: 10000}
depends_on: [teaser]
kpis:
  - {metric: signups, target: 1000, actual: 100, unit: users, alert_below: 300}
  - {metric: CTR, target: 2.5, actual: 2.9, unit: "%", alert_below: 1.5}
risks:
  - {risk: Agency late, contingency: Reuse autumn assets, likelihood: medium, impact: high}
milestones:
  - {title: Go live, date: 2027-02-20}
activities:
  - {title: Landing page, start: 2027-02-01, end: 2027-02-10, owner: Web, status: done, deliverable: landing page}
---
The story of the spring launch.
"""

TEASER = """
---
kind: campaign
id: teaser
title: Teaser « avant-première »
owner: Luca Bianchi
roadmap: q1
start: 2027-01
end: 2027-01
goals: [users]
channels: [social]
status: done
budget: 5000
---
"""

WECHAT = """
---
kind: campaign
id: wechat
title: 微信春节活动
owner: 李娜
roadmap: q1
start: 2027-01-20
end: 2027-02-28
goals: [china-users]
channels: [wechat]
teams: [china]
budget: {amount: 120000, currency: CNY}
---
"""

DOCS = {
    "goals/users.md": GOAL,
    "goals/china-users.md": CHILD_GOAL,
    "q1/index.md": ROADMAP,
    "q1/spring.md": SPRING,
    "q1/teaser.md": TEASER,
    "q1/wechat.md": WECHAT,
    "about.md": "# About\n\nAn ordinary page.\n",
}
