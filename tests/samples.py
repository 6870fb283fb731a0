"""Article inputs several layers' tests submit: a plain-text story and a news page with boilerplate around it."""

ARTICLE = (
    "Harbour council approves new sea wall\n\n"
    "The council voted 7-2 on Tuesday to spend £4.2m on a new sea wall.\n\n"
    "“It’s the biggest investment in the harbour for 40 years,” said council leader Maria Lopez."
)

PAGE = """<!doctype html><html><head><title>Harbour council approves new sea wall | Demo Gazette</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/signup">Sign up</a></nav>
<article>
<h1>Harbour council approves new sea wall</h1>
<p>The council voted 7-2 on Tuesday to spend £4.2m on a new sea wall along the eastern harbour front.</p>
<figure><img src="wall.jpg"><figcaption>Photo: Getty Images</figcaption></figure>
<p>“It’s the biggest investment in the harbour for 40 years,” said council leader Maria Lopez, adding that
the works would start in the spring and take two years to complete.</p>
<p>Read more: Harbour traders fear summer closures</p>
<p>Opposition councillor Tom Reed said the cost had doubled since the plan was first proposed in 2019.</p>
<p>Your support helps us to tell the story. Please consider supporting our journalism today.</p>
<p>Sign up to our free morning newsletter</p>
</article>
<footer>© 2026 Demo Gazette. All rights reserved.</footer>
</body></html>"""
